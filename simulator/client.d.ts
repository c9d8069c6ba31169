/** @noSelfInFile */
// Types for simulator/client.lua, the offline WoW client simulator, so TypeScript specs can
// `import * as client from "../simulator/client"`. TSTL copies client.lua into the spec build
// and the import becomes require("simulator.client"); it copies the parts client.lua requires
// (simulator/world.lua, frames.lua, ...) beside it and rewrites their names the same way.
//
// Plain functions take no self: this file is @noSelfInFile, and the interfaces of plain-function
// tables are @noSelf (TSTL gives interface methods a self unless their interface is @noSelf).
// The simulator's, frames' and timer handles' methods declare `this`, so TSTL emits colon calls
// (sim:runFrame(), frame:Show()).

/** A frame as CreateFrame returns it. Frames are tables: specs may add fields. */
export interface WowFrame {
    [key: string]: unknown;
    Show(this: WowFrame): void;
    Hide(this: WowFrame): void;
    SetShown(this: WowFrame, shown: boolean): void;
    IsShown(this: WowFrame): boolean;
    IsVisible(this: WowFrame): boolean;
    SetScript(this: WowFrame, script: "OnUpdate", handler: ((frame: WowFrame, elapsed: number) => void) | undefined): void;
    SetScript(this: WowFrame, script: "OnEvent", handler: ((frame: WowFrame, event: string, ...args: any[]) => void) | undefined): void;
    SetScript(this: WowFrame, script: string, handler: ((frame: WowFrame, ...args: any[]) => void) | undefined): void;
    GetScript(this: WowFrame, script: string): ((frame: WowFrame, ...args: any[]) => void) | undefined;
    HookScript(this: WowFrame, script: string, handler: (frame: WowFrame, ...args: any[]) => void): void;
    HasScript(this: WowFrame, script: string): boolean;
    RegisterEvent(this: WowFrame, event: string): boolean;
    UnregisterEvent(this: WowFrame, event: string): void;
    IsEventRegistered(this: WowFrame, event: string): boolean;
    UnregisterAllEvents(this: WowFrame): void;
    GetName(this: WowFrame): string | undefined;
    GetObjectType(this: WowFrame): string;
    IsObjectType(this: WowFrame, frameType: string): boolean;
    SetParent(this: WowFrame, parent: WowFrame | string | undefined): void;
    GetParent(this: WowFrame): WowFrame | undefined;
}

/** A message frame (DEFAULT_CHAT_FRAME is one). */
export interface WowMessageFrame extends WowFrame {
    AddMessage(this: WowMessageFrame, text: string | number, r?: number, g?: number, b?: number): void;
}

/** What C_Timer.NewTimer and C_Timer.NewTicker return. */
export interface TimerHandle {
    Cancel(this: TimerHandle): void;
    IsCancelled(this: TimerHandle): boolean;
}

/**
 * C_Timer's plain functions.
 * @noSelf
 */
export interface CTimer {
    After(seconds: number, callback: () => void): void;
    NewTimer(seconds: number, callback: (handle: TimerHandle) => void): TimerHandle;
    NewTicker(seconds: number, callback: (handle: TimerHandle) => void, iterations?: number): TimerHandle;
}

/**
 * The WoW API the simulated client provides (plain functions), plus client.newEnvironment's
 * Lua 5.1 globals.
 * @noSelf
 */
export interface WowEnvironment {
    [name: string]: unknown;
    _G: WowEnvironment;
    CreateFrame(frameType: string, name?: string, parent?: WowFrame | string, template?: string): WowFrame;
    GetTime(): number;
    debugprofilestop(): number;
    GetFramerate(): number;
    C_Timer: CTimer;
    InCombatLockdown(): boolean;
    geterrorhandler(): (err: unknown) => void;
    seterrorhandler(handler: (err: unknown) => void): void;
    debugstack(start?: number, count1?: number, count2?: number): string;
    debugstack(thread: LuaThread, start?: number, count1?: number, count2?: number): string;
    strsplit(delimiter: string, str: string, pieces?: number): LuaMultiReturn<string[]>;
    strjoin(delimiter: string, ...parts: (string | number)[]): string;
    strtrim(str: string, chars?: string): string;
    wipe<T extends object>(t: T): T;
    GetBuildInfo(): LuaMultiReturn<[version: string, build: string, date: string, toc: number]>;
    print(...args: unknown[]): void;
    hooksecurefunc(...args: unknown[]): void;
    loadstring(code: string, chunkName?: string): LuaMultiReturn<[((...args: any[]) => any) | undefined, string | undefined]>;
    SlashCmdList: Record<string, (msg: string, editBox: WowFrame) => void>;
    DEFAULT_CHAT_FRAME: WowMessageFrame;
    UIParent: WowFrame;
}

export interface SimulatorOptions {
    /** Seconds a frame lasts when sim:runFrame() gets no argument (default 1/60). */
    frameTime?: number;
    /** GetTime() before the first frame (default 1000). */
    startTime?: number;
    /** os.time() before the first frame (default 1700000000). */
    epoch?: number;
    /** Seed of the simulator's own math.random (default 1). */
    seed?: number;
    /** Milliseconds each debugprofilestop() call burns (default 0). */
    profileStep?: number;
    /** The values GetBuildInfo() returns; an interface below 100000 is a Classic flavor. */
    buildInfo?: [version: string, build: string, date: string, toc: number];
    /** Events RegisterEvent raises for (default: none on retail, retail-only ones on Classic). */
    unknownEvents?: string[];
    /** Whether the client has addon restrictions (C_RestrictedActions, ADDON_RESTRICTION_STATE_CHANGED); default true (every flavor has them); false: a client from before them. */
    restrictions?: boolean;
}

export interface SimulatorStats {
    /** Frames run. */
    frames: number;
    /** OnUpdate invocations, all frames. */
    onUpdateCalls: number;
    /** OnUpdate invocations in the last frame run. */
    lastFrameOnUpdateCalls: number;
    /** OnEvent invocations (queued events and ADDON_LOADED). */
    eventsDelivered: number;
    /** C_Timer callbacks invoked. */
    timersFired: number;
}

export interface Simulator {
    /** The global environment every addon loaded into this simulator shares. */
    readonly env: WowEnvironment;
    /** Lines from print(...) and DEFAULT_CHAT_FRAME:AddMessage(text). */
    readonly chat: string[];
    /** Values the default error handler received. */
    readonly errors: unknown[];
    readonly stats: SimulatorStats;
    /** Loads the addon in dir (its Lua files and the files its XML pulls in), then delivers ADDON_LOADED(name, false). */
    loadAddon(this: Simulator, dir: string, name?: string): LuaMultiReturn<[Record<string, unknown>, Record<string, string>]>;
    /** The login sequence, as after loading (PLAYER_LOGIN ... PLAYER_ENTERING_WORLD(true, false) ... SPELLS_CHANGED); the first runFrame does it when no one did. */
    login(this: Simulator): void;
    /** One frame: queued events, then due timers, then OnUpdate of visible frames. */
    runFrame(this: Simulator, seconds?: number): void;
    runFrames(this: Simulator, n: number, seconds?: number): void;
    /** Queues an event for the next frame. */
    fireEvent(this: Simulator, event: string, ...args: unknown[]): void;
    /** Simulates slow code: debugprofilestop() moves now, and the next frame lasts ms longer. */
    burn(this: Simulator, ms: number): void;
    /** Sets InCombatLockdown(); a change queues PLAYER_REGEN_DISABLED / PLAYER_REGEN_ENABLED. */
    setCombat(this: Simulator, inCombat: boolean): void;
    /** Enters an instance of a type ("party", "raid"...) or leaves it ("none"): IsInInstance(). */
    setInstance(this: Simulator, kind: string): void;
    /** Turns an addon restriction (a name of Enum.AddOnRestrictionType) on or off, with its event next frame. */
    setRestriction(this: Simulator, name: string, active: boolean): void;
    /** Runs a chat slash command; false when no SlashCmdList handler matched. */
    slash(this: Simulator, text: string): boolean;
}

export function newSimulator(options?: SimulatorOptions): Simulator;

/** A fresh global environment shaped like the client's (Lua 5.1 without require, io, ...). */
export function newEnvironment(): Record<string, unknown>;

/** The names of an environment's globals, as a set. */
export function globalNames(env: object): Record<string, boolean>;

/** A TOC file's metadata (## Key: value) and the files it lists. */
export function readToc(path: string): LuaMultiReturn<[Record<string, string>, string[]]>;

/** Loads the addon in dir into env (Lua files only); returns its private table and TOC metadata. */
export function loadAddon(env: object, dir: string, name?: string): LuaMultiReturn<[Record<string, unknown>, Record<string, string>]>;
