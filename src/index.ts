/** @noSelfInFile */
/**
 * The library: registers it with LibStub (one scheduler for every addon that embeds it, the
 * newest copy's code running it), fills the library table from the public surface, starts the
 * frame driver and, loaded as the standalone AsyncAwait addon, sets the global `AsyncAwait`.
 * The built addon loads it from src/addon.ts; a TypeScript addon imports the public functions
 * and types from here (a spec checks these exports against the public surface) and bundles it.
 */
// First: LibStub itself, unless a same or newer one is loaded (then this does nothing), so that
// a TypeScript addon that bundles the library needs no LibStub.lua of its own.
import "./libstub/libstub";
import { copyApi } from "./api/surface";
import { boot } from "./versions/boot";
import { register } from "./versions/register";
import { MINOR, VERSION } from "./version";
import { startDriver } from "./wow/driver";
import { reportToErrorHandler } from "./wow/report";
import { bindSourceMaps } from "./wow/sourcemaps";
import { installSlashCommand } from "./wow/slash";

export type { AsyncFunction, Await, ErrorKind, EventName, EventPayload, Future, Packed, RuntimeError, Task, TaskState } from "./api/types";
export type { Api, Library } from "./api/surface";
export type { LibStubGlobal } from "./versions/global";
export { Embed, forAddon } from "./api/surface";
export {
    async,
    awaitValue as await,
    createTask,
    errorKind,
    joinTask,
    reportLongSlices,
    schedule,
    scheduleAll,
    startTask,
    traceCreation,
    yieldTurn as yield,
} from "./api/tasks";
export { all, allSettled, any, race } from "./api/combinators";
export { limit } from "./api/limits";
export type { Limited } from "./api/limits";
export { cancel, cancelAll, defer, isCancelled, latest, pcallAsync as pcall, xpcallAsync as xpcall } from "./api/control";
export { delay, timeout } from "./wow/timers";
export { awaitAny, fromCallback, fromPromise, isFuture, toPromise } from "./api/promises";
export { setBudget } from "./wow/driver";
export { outOfCombat } from "./wow/waits/combat";
export { waitForAnyEvent, waitForEvent } from "./wow/waits/event";
export { nextFrame } from "./wow/waits/nextFrame";
export { sleep } from "./wow/waits/sleep";
export { waitUntil } from "./wow/waits/until";
export { unrestricted } from "./wow/waits/restriction";
export { addSourceMap } from "./wow/sourcemaps";

const [addonName] = [...$vararg];
boot();
const [lib, wowState] = register(MINOR);
if (wowState !== undefined) {
    copyApi(lib);
    lib.version = VERSION;
}
// The library is complete and published before the client glue starts: a failure there (a
// client without some UI piece) must not leave an addon without it.
if (addonName === "AsyncAwait" || (_G as unknown as Record<string, unknown>).AsyncAwait !== undefined) {
    (_G as unknown as Record<string, unknown>).AsyncAwait = lib;
}
if (wowState !== undefined) {
    reportToErrorHandler();
    bindSourceMaps(wowState);
    startDriver(wowState);
    installSlashCommand(wowState, VERSION);
}
