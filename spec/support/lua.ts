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
