// The few WoW client API calls the runtime makes, declared here: @wartoshika/wow-declarations
// lacks debugprofilestop, C_Timer and debugstack, and its multiple returns compile wrongly
// under TSTL 1.x. Frame methods are called with ':' (they take self); plain functions do not.

interface WowFrame {
    Show(): void;
    Hide(): void;
    IsShown(): boolean;
    SetScript(script: "OnUpdate", handler: ((this: void, frame: WowFrame, elapsed: number) => void) | undefined): void;
    SetScript(script: "OnEvent", handler: ((this: void, frame: WowFrame, event: string, ...payload: unknown[]) => void) | undefined): void;
    RegisterEvent(event: string): void;
    UnregisterEvent(event: string): void;
}

interface WowTimer {
    Cancel(): void;
}

interface WowChatFrame {
    AddMessage(text: string): void;
}

declare function CreateFrame(this: void, frameType: "Frame", name?: string): WowFrame;
/** Seconds; the same value throughout a frame. */
declare function GetTime(this: void): number;
/** Milliseconds, high resolution: for measuring code. */
declare function debugprofilestop(this: void): number;
declare function InCombatLockdown(this: void): boolean;
declare function geterrorhandler(this: void): ((this: void, message: string) => void) | undefined;

declare namespace C_Timer {
    function After(this: void, seconds: number, callback: (this: void) => void): void;
    function NewTimer(this: void, seconds: number, callback: (this: void, timer: WowTimer) => void): WowTimer;
}

declare const DEFAULT_CHAT_FRAME: WowChatFrame | undefined;
declare const SlashCmdList: Record<string, (this: void, input: string) => void> | undefined;
/** The call stack of a coroutine, or of the running code, as text. */
declare function debugstack(this: void, thread: LuaThread, start?: number, count1?: number, count2?: number): string;
declare function debugstack(this: void, start?: number, count1?: number, count2?: number): string;
/** The client reads slash commands from SLASH_<KEY><n> globals. */
declare let SLASH_ASYNCAWAIT1: string;
declare let SLASH_ASYNCAWAIT2: string;
