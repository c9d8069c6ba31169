/** @noSelfInFile */
/**
 * The entry point of the built addon (AsyncAwait.lua): the standalone AsyncAwait addon, or a
 * copy an addon embeds. A copy that is not newer than the one LibStub already holds does
 * nothing but this version check (Ace3's `if not lib then return end`): none of its modules run,
 * so it costs the parse and nothing kept. Otherwise it loads the library (index.ts), which
 * registers it and takes over from an older copy.
 */
import { MINOR } from "./version";

declare function require(this: void, module: string, ...args: unknown[]): unknown;

/** @noSelf */
interface Registry {
    GetLibrary(this: Registry, major: string, silent: boolean): LuaMultiReturn<[Record<string, unknown> | undefined, number | undefined]>;
}

const [addonName] = [...$vararg];
const globals = _G as unknown as Record<string, unknown>;
const stub = globals.LibStub as Registry | undefined;
/** @transient what LibStub holds now: read once, at load */
let registered: Record<string, unknown> | undefined;
/** @transient its minor */
let registeredMinor: number | undefined;
if (stub !== undefined) {
    [registered, registeredMinor] = stub.GetLibrary("AsyncAwait-1.0", true);
}
if (registered !== undefined && registeredMinor !== undefined && registeredMinor >= MINOR) {
    // The standalone addon still publishes the global, on the copy that runs.
    if (addonName === "AsyncAwait") {
        globals.AsyncAwait = registered;
    }
} else {
    require("index", ...$vararg);
}
