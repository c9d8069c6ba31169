/**
 * The addon's entry point: publishes the public API as the one global `AsyncAwait`.
 * TypeScript consumers import the same functions from here.
 */
import * as api from "./api";

export * from "./api";

/** The table Lua consumers see as `AsyncAwait`. */
export interface AsyncAwaitApi {
    readonly async: typeof api.async;
    readonly await: typeof api.await;
    readonly yield: typeof api.yield;
    readonly schedule: typeof api.schedule;
    readonly scheduleAll: typeof api.scheduleAll;
    readonly createTask: typeof api.createTask;
    readonly startTask: typeof api.startTask;
    readonly joinTask: typeof api.joinTask;
}

declare global {
    // eslint-disable-next-line no-var
    var AsyncAwait: AsyncAwaitApi;
}

_G.AsyncAwait = {
    async: api.async,
    await: api.await,
    yield: api.yield,
    schedule: api.schedule,
    scheduleAll: api.scheduleAll,
    createTask: api.createTask,
    startTask: api.startTask,
    joinTask: api.joinTask,
};
