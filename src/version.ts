/** @noSelfInFile */
/** The library's version (kept equal to package.json's; a consumer test checks it). */
export const VERSION = "0.3.0";

/** The LibStub minor: major * 10000 + minor * 100 + patch, so newer versions compare higher. */
export function minorOf(version: string): number {
    const [a, b, c] = string.match(version, "^(%d+)%.(%d+)%.(%d+)");
    return tonumber(a)! * 10000 + tonumber(b)! * 100 + tonumber(c)!;
}

/** This copy's LibStub minor. */
export const MINOR = minorOf(VERSION);
