/**
 * Specs of the WoW runtime run the built addon (addon/AsyncAwait) in the offline client
 * simulator, loaded by its TOC the way the game loads it: a fresh client, and so a fresh
 * library, per call.
 */
import * as client from "../../simulator/client";
import type { Api } from "../../src/api/surface";
import type { SharedState } from "../../src/lib/register";
import type { WowState } from "../../src/wow/state";

/** The library table as Lua consumers see it. */
export type Lib = Api & {
    version: string;
    _state: SharedState & { wow: WowState };
};

export const ADDON_DIR = "addon/AsyncAwait";

export interface Game {
    sim: client.Simulator;
    AA: Lib;
}

/** A simulated client with AsyncAwait loaded as a standalone addon. */
export function startGame(this: void, options?: client.SimulatorOptions): Game {
    const sim = client.newSimulator(options);
    sim.loadAddon(ADDON_DIR);
    return { sim, AA: sim.env.AsyncAwait as Lib };
}

/** Whether the driver's frame has `event` registered. */
export function registered(this: void, AA: Lib, event: string): boolean {
    return (AA._state.wow.frame as unknown as client.WowFrame).IsEventRegistered(event);
}
