/**
 * The addon's entry point: registers the library with LibStub (one scheduler for every addon
 * that embeds it, the newest copy's code running it), starts the frame driver, and, loaded as
 * the standalone AsyncAwait addon, sets the global `AsyncAwait`.
 * TypeScript consumers import the same functions from here.
 */
import * as api from "./api";
import * as core from "./core/scheduler";
import { register } from "./lib/register";
import { VERSION, minorOf } from "./version";
import { setBudget, startDriver } from "./wow/driver";
import { reportToErrorHandler } from "./wow/report";
import { installSlashCommand } from "./wow/slash";
import * as waits from "./wow/waits";

export * from "./api";
export { nextFrame, outOfCombat, sleep, waitForEvent, waitUntil } from "./wow/waits";
export { setBudget } from "./wow/driver";

/** The functions every handle offers, whoever the tasks are attributed to. */
const shared = {
    await: api.await,
    yield: api.yield,
    schedule: api.schedule,
    scheduleAll: api.scheduleAll,
    startTask: api.startTask,
    joinTask: api.joinTask,
    sleep: waits.sleep,
    nextFrame: waits.nextFrame,
    waitForEvent: waits.waitForEvent,
    waitUntil: waits.waitUntil,
    outOfCombat: waits.outOfCombat,
    setBudget,
    traceCreation: api.traceCreation,
};

const handles = new LuaTable<string, object>();

/**
 * The API for one addon: the same functions, but the tasks its `async` functions and
 * `createTask` make (and the tasks those create) are attributed to `name`: their CPU time is
 * counted for it, and its backlog shares each frame fairly with other addons'.
 *
 * ```lua
 * local AA = LibStub("AsyncAwait-1.0").forAddon("MyAddon")
 * local scan = AA.async(function() ... end)
 * ```
 */
export function forAddon(this: void, name: string): object {
    if (type(name) !== "string") {
        error(`AsyncAwait: forAddon(name): expected an addon name, got ${type(name)}`, 2);
    }
    let handle = handles.get(name);
    if (handle === undefined) {
        const owner = core.ownerNamed(name);
        handle = {
            ...shared,
            async: (fn: (this: void, ...args: unknown[]) => unknown) => api.asyncFor(owner, fn),
            createTask: (fn: (this: void, ...args: unknown[]) => unknown, ...args: unknown[]) => api.createTaskFor(owner, fn, ...args),
        };
        handles.set(name, handle);
    }
    return handle;
}

const [addonName] = [...$vararg];
const [lib, wowState] = register(minorOf(VERSION));
if (wowState !== undefined) {
    Object.assign(lib, shared);
    lib.async = api.async;
    lib.createTask = api.createTask;
    lib.forAddon = forAddon;
    lib.version = VERSION;
    reportToErrorHandler();
    startDriver(wowState);
    installSlashCommand(wowState, VERSION);
}
if (addonName === "AsyncAwait" || (_G as unknown as Record<string, unknown>).AsyncAwait !== undefined) {
    (_G as unknown as Record<string, unknown>).AsyncAwait = lib;
}
