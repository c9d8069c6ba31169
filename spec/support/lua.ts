/** Small helpers for specs that need real Lua behaviour (call sites, packed values). */

/** Compiles a Lua chunk named `name`, so error positions read `name:LINE:`. */
export function chunk(this: void, code: string, name = "caller"): (this: void, ...args: unknown[]) => any {
    const [fn, err] = loadstring(code, `=${name}`);
    if (fn === undefined) {
        throw `bad chunk: ${err}`;
    }
    return fn as (this: void, ...args: unknown[]) => any;
}

/** Calls fn in protected mode and returns [ok, first value]. */
export function attempt(this: void, fn: (this: void, ...args: any[]) => unknown, ...args: unknown[]): [boolean, unknown] {
    const [ok, value] = pcall(fn, ...args);
    return [ok, value];
}

/** Packs all values of a multiple return, nils included. */
export function pack(this: void, ...values: unknown[]): { n: number; [i: number]: unknown } {
    const t: { n: number; [i: number]: unknown } = { n: select("#", ...values) };
    for (const i of $range(1, t.n)) {
        t[i] = select(i, ...values)[0];
    }
    return t;
}

/** Whether `text` (converted with tostring) contains `part`. */
export function contains(this: void, text: unknown, part: string): boolean {
    return string.find(tostring(text), part, 1, true)[0] !== undefined;
}

/**
 * The bad-input loop: runs each `[code, message]` case as a one-line chunk named "caller" with
 * `A` as its `...` (`local A = ...` is prepended) and returns a line for each case that did not
 * raise exactly `message` (which names the caller's line, "caller:1: ..."). Specs assert the
 * list is empty.
 */
export function raisesAtCaller(this: void, A: unknown, cases: [code: string, message: string][]): string[] {
    const problems: string[] = [];
    for (const [code, message] of cases) {
        const [ok, err] = attempt(chunk(`local A = ...; ${code}`), A);
        if (ok) {
            problems.push(`${code}: raised nothing`);
        } else if (tostring(err) !== message) {
            problems.push(`${code}: raised ${tostring(err)}`);
        }
    }
    return problems;
}

/** The sorted names of a table's function fields. */
export function functionNames(this: void, t: object): string[] {
    const names: string[] = [];
    for (const [key, value] of pairs(t)) {
        if (type(value) === "function") {
            names.push(key as string);
        }
    }
    table.sort(names);
    return names;
}
