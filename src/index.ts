/**
 * The addon's entry point: registers the library with LibStub (one scheduler for every addon
 * that embeds it, the newest copy's code running it), starts the frame driver, and, loaded as
 * the standalone AsyncAwait addon, sets the global `AsyncAwait`.
 * TypeScript consumers import the same functions from here.
 */
import * as api from "./api";
import { describe } from "./core/errors";
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

/** An addon's handle: the shared functions, with `async` and `createTask` attributed to it. */
export type AddonApi = typeof shared & { async: typeof api.async; createTask: typeof api.createTask };

const handles = new LuaTable<string, AddonApi>();

/** Copies the shared functions into `target` (plain pairs: no lualib helper in the bundle). */
function withShared<T extends object>(this: void, target: T): T & typeof shared {
    for (const [key, value] of pairs(shared)) {
        (target as Record<string, unknown>)[key] = value;
    }
    return target as T & typeof shared;
}

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
export function forAddon(this: void, name: string): AddonApi {
    if (type(name) !== "string") {
        error(`AsyncAwait: forAddon(name): expected an addon name, got ${describe(name)}`, 2);
    }
    let handle = handles.get(name);
    if (handle === undefined) {
        const owner = core.ownerNamed(name);
        handle = withShared({
            async: ((fn: (this: void, ...args: unknown[]) => unknown) => api.asyncFor(owner, fn)) as typeof api.async,
            createTask: ((fn: (this: void, ...args: unknown[]) => unknown, ...args: unknown[]) =>
                api.createTaskFor(owner, fn, ...args)) as typeof api.createTask,
        });
        handles.set(name, handle);
    }
    return handle;
}

const [addonName] = [...$vararg];
const [lib, wowState] = register(minorOf(VERSION));
if (wowState !== undefined) {
    withShared(lib);
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
