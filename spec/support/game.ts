/**
 * Specs of the WoW runtime run the built addon (addon/AsyncAwait) in the offline client
 * simulator, loaded by its TOC the way the game loads it: a fresh client, and so a fresh
 * library, per call.
 */
import * as client from "../../simulator/client";
import * as files from "./files";
import type { Api } from "../../src/api/surface";
import type { SharedState } from "../../src/versions/register";
import type { WowState } from "../../src/wow/state";

/** The library table as Lua consumers see it. */
export type Lib = Api & {
    version: string;
    _state: SharedState & { wow: WowState };
};

/** The build under test: addon/AsyncAwait, or another one (ASYNCAWAIT_ADDON=dir, e.g. to show a regression spec fails on an earlier build). */
export const ADDON_DIR = os.getenv("ASYNCAWAIT_ADDON") ?? "addon/AsyncAwait";

const WORK = "build/spec/fixtures";

/**
 * Writes an addon `name` that embeds the library copy in `copyDir` (default: the build under
 * test) through its lib.xml, as authors do, then runs `code` (a Lua file of its own, which gets
 * the library as `AA`). Returns its folder, for sim.loadAddon.
 */
export function writeAddon(this: void, name: string, options?: { copyDir?: string; code?: string; patchVersion?: string }): string {
    const dir = `${WORK}/${name}`;
    const copyDir = options?.copyDir ?? ADDON_DIR;
    let bundle = files.read(`${copyDir}/AsyncAwait.lua`);
    if (options?.patchVersion !== undefined) {
        const [patched, count] = string.gsub(bundle, 'VERSION = "%d+%.%d+%.%d+"', `VERSION = "${options.patchVersion}"`);
        assert(count === 1, "the bundle declares its version once");
        bundle = patched;
    }
    files.write(`${dir}/Libs/AsyncAwait/AsyncAwait.lua`, bundle);
    files.write(`${dir}/Libs/AsyncAwait/LibStub/LibStub.lua`, files.read(`${copyDir}/LibStub/LibStub.lua`));
    files.write(`${dir}/Libs/AsyncAwait/lib.xml`, files.read(`${copyDir}/lib.xml`));
    let toc = `## Interface: 120105\n## Title: ${name}\nLibs\\AsyncAwait\\lib.xml\n`;
    if (options?.code !== undefined) {
        files.write(`${dir}/main.lua`, `local AA = LibStub("AsyncAwait-1.0")\n${options.code}`);
        toc += "main.lua\n";
    }
    files.write(`${dir}/${name}.toc`, toc);
    return dir;
}

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
