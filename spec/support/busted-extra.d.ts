/** @noSelfInFile */
// busted-tstl 0.1.2-rc.0 declares `same` in a namespace of its own instead of `assert`.
declare namespace assert {
    /** Deep comparison of two values (tables compared by contents). */
    function same(expected: any, actual: any, failureDescription?: string): boolean;
}

/** The host's os library, as busted runs specs (the client has no os.getenv). */
declare namespace os {
    function getenv(name: string): string | undefined;
}
declare namespace os {
    function clock(): number;
}
