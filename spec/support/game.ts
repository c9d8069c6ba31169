/**
 * Specs of the WoW runtime run the built addon (addon/AsyncAwait) in the offline client
 * simulator, loaded by its TOC the way the game loads it.
 */
import * as client from "../../simulator/client";
import type * as Index from "../../src/index";
import type { WowState } from "../../src/wow/state";

/** The library as Lua consumers see it. */
export type Lib = typeof Index & {
    version: string;
    _state: { core: unknown; wow: WowState };
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

/** Calls `fn` in the simulated client, where `sim.burn(ms)` makes it take that long. */
export function burner(this: void, sim: client.Simulator): (this: void, ms: number) => void {
    return (ms: number) => sim.burn(ms);
}
