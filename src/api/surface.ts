/** @noSelfInFile */
/**
 * The public surface: the one list of public functions. The library table (LibStub's
 * "AsyncAwait-1.0", and the global AsyncAwait), every forAddon handle and the TypeScript
 * exports (src/index.ts) derive from it or are checked against it by specs, as is the README's
 * API table. A new public function is one line here (plus its README row).
 */
import { ownerNamed } from "../core/settings";
import { setBudget } from "../wow/driver";
import { outOfCombat } from "../wow/waits/combat";
import { waitForAnyEvent, waitForEvent } from "../wow/waits/event";
import { nextFrame } from "../wow/waits/nextFrame";
import { sleep } from "../wow/waits/sleep";
import { waitUntil } from "../wow/waits/until";
import { unrestricted } from "../wow/waits/restriction";
import { apiTables, describe, raiseAtCaller, tooManyArguments } from "../core/errors";
import {
    async,
    asyncFor,
    awaitValue,
    createTask,
    createTaskFor,
    errorKind,
    joinTask,
    reportLongSlices,
    schedule,
    scheduleAll,
    startTask,
    traceCreation,
    yieldTurn,
} from "./tasks";
import { all, allSettled, any, race } from "./combinators";
import { cancel, cancelAll, cancelAllFor, defer, isCancelled, latest, latestFor, pcallAsync, xpcallAsync } from "./control";
import { delay, delayFor, timeout } from "../wow/timers";
import { awaitAny, fromCallback, fromCallbackFor, fromPromise, isFuture, toPromise } from "./promises";
import { addSourceMap } from "../wow/sourcemaps";
import { limit, limitFor } from "./limits";
import type { Owner } from "../core/task";

/** The public functions, by their public names. */
export const publicApi = {
    async,
    await: awaitValue,
    yield: yieldTurn,
    schedule,
    scheduleAll,
    createTask,
    startTask,
    joinTask,
    sleep,
    nextFrame,
    waitForEvent,
    waitForAnyEvent,
    waitUntil,
    outOfCombat,
    unrestricted,
    cancel,
    isCancelled,
    defer,
    cancelAll,
    latest,
    pcall: pcallAsync,
    xpcall: xpcallAsync,
    all,
    allSettled,
    any,
    race,
    limit,
    timeout,
    delay,
    fromPromise,
    fromCallback,
    toPromise,
    awaitAny,
    isFuture,
    setBudget,
    traceCreation,
    reportLongSlices,
    errorKind,
    addSourceMap,
    forAddon,
    Embed,
};

/** The API as an addon sees it: the library table, or a handle from forAddon. */
export type Api = typeof publicApi;

/**
 * The library table `LibStub("AsyncAwait-1.0")` returns, for a TypeScript addon that uses the
 * copy another addon loads rather than bundling its own:
 * `const AA = LibStub("AsyncAwait-1.0") as Library`.
 */
export type Library = Api & { readonly version: string };

/**
 * This copy's handles by addon name.
 * @transient per copy: a newer copy makes its own, and these forward to it
 */
const handles = new LuaTable<string, Api>();

/**
 * The public functions that make tasks, or act on an addon's tasks, in the variant a handle
 * binds to its addon: `ownerAware[name](owner, ...)` is what `forAddon(addon)[name](...)` does.
 */
const ownerAware: { [name: string]: (this: void, owner: Owner, ...args: any[]) => unknown } = {
    async: asyncFor,
    createTask: createTaskFor,
    delay: delayFor,
    fromCallback: fromCallbackFor,
    limit: limitFor,
    latest: latestFor,
    cancelAll: cancelAllFor,
};

/**
 * The API for one addon: the same functions, but the tasks its `async` functions and
 * `createTask` make (and the tasks those create) are attributed to `name`: their CPU time is
 * counted for it, and its backlog shares each frame fairly with other addons'.
 *
 * ```lua
 * local AA = LibStub("AsyncAwait-1.0").forAddon("MyAddon")
 * local scan = AA.async(function(bag) return C_Container.GetContainerNumSlots(bag) end)
 * ```
 */
export function forAddon(name: string, ...extra: unknown[]): Api {
    if (type(name) !== "string" || name === "") {
        raiseAtCaller(`AsyncAwait: forAddon(name): expected an addon name, got ${describe(name)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("forAddon(name)", 1, 1 + select("#", ...extra)));
    }
    let handle = handles.get(name);
    if (handle === undefined) {
        const owner = ownerNamed(name);
        handle = copyApi({} as Api);
        for (const [key, bound] of pairs(ownerAware)) {
            (handle as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => bound(owner, ...args);
        }
        handles.set(name, handle);
    }
    return handle;
}

/**
 * For AceAddon: an addon that lists "AsyncAwait-1.0" among its mixins gets the public functions,
 * its tasks attributed to it (AceAddon calls `lib:Embed(addon)`; the addon calls them with a
 * dot: `MyAddon.async(fn)`). Any table can be given; its `name`, when a string, names the addon.
 *
 * ```lua
 * local MyAddon = LibStub("AceAddon-3.0"):NewAddon("MyAddon", "AsyncAwait-1.0")
 * MyAddon.async(function() MyAddon.sleep(1) end)()
 * ```
 */
export function Embed(_lib: unknown, target: { name?: unknown }, ...extra: unknown[]): object {
    if (type(target) !== "table") {
        raiseAtCaller(`AsyncAwait: Embed(target): expected an addon object (a table), got ${describe(target)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("Embed(target)", 1, 1 + select("#", ...extra)));
    }
    const name = target.name;
    const api = type(name) === "string" && name !== "" ? forAddon(name as string) : publicApi;
    for (const [key, value] of pairs(api)) {
        (target as Record<string, unknown>)[key] = value;
    }
    return target;
}

/** Copies every public function into `target` (plain pairs: no lualib helper in the bundle). */
export function copyApi<T extends object>(target: T): T & Api {
    for (const [key, value] of pairs(publicApi)) {
        (target as Record<string, unknown>)[key] = value;
    }
    apiTables.set(target, true);
    return target as T & Api;
}
