/** @noSelfInFile */
/**
 * The client API the runtime calls. It is read from the global table at each call, as a global
 * name would be (a function an addon hooks later is the one called), but declared here in a
 * module rather than as globals: the package's typings then bring no WoW globals into an addon
 * that imports it. Frames' methods take self (colon calls); the client's functions do not.
 */

export interface WowFrame {
    Show(this: WowFrame): void;
    Hide(this: WowFrame): void;
    IsShown(this: WowFrame): boolean;
    SetScript(this: WowFrame, script: "OnUpdate", handler: ((this: void, frame: WowFrame, elapsed: number) => void) | undefined): void;
    SetScript(
        this: WowFrame,
        script: "OnEvent",
        handler: ((this: void, frame: WowFrame, event: string, ...payload: unknown[]) => void) | undefined,
    ): void;
    RegisterEvent(this: WowFrame, event: string): void;
    UnregisterEvent(this: WowFrame, event: string): void;
}

export interface WowChatFrame {
    AddMessage(this: WowChatFrame, text: string): void;
}

/** @noSelf */
export interface ClientTimers {
    After(seconds: number, callback: () => void): void;
}

/**
 * Addon restrictions: every flavor has the API (Classic Era included), in force on retail 12.x; feature-detected all the same.
 * @noSelf
 */
export interface ClientRestrictedActions {
    IsAddOnRestrictionActive?(kind: number): boolean;
    /** Enum.AddOnRestrictionState: Inactive 0, Activating 1 (during the event's dispatch), Active 2. */
    GetAddOnRestrictionState?(kind: number): number;
}

/** @noSelf */
export interface ClientApi {
    CreateFrame(frameType: "Frame", name?: string): WowFrame;
    /** Seconds; the same value throughout a frame. */
    GetTime(): number;
    /** Milliseconds, high resolution: for measuring code. */
    debugprofilestop(): number;
    InCombatLockdown(): boolean;
    /** Whether the player is in an instance, and its type ("none", "party", "raid", "pvp"...). Feature-detected. */
    IsInInstance?(): LuaMultiReturn<[boolean, string]>;
    readonly C_RestrictedActions?: ClientRestrictedActions;
    readonly Enum?: { readonly AddOnRestrictionType?: Record<string, number>; readonly AddOnRestrictionState?: Record<string, number> };
    geterrorhandler(): ((message: string) => void) | undefined;
    /** The call stack of a coroutine, or of the running code, as text (the client has no debug library). */
    debugstack(thread: LuaThread, start?: number, count1?: number, count2?: number): string;
    debugstack(start?: number, count1?: number, count2?: number): string;
    readonly C_Timer: ClientTimers;
    readonly DEFAULT_CHAT_FRAME?: WowChatFrame;
    /** Slash command handlers by key; the client reads their names from SLASH_<KEY><n>. */
    readonly SlashCmdList?: Record<string, (input: string) => void>;
    SLASH_ASYNCAWAIT1?: string;
    SLASH_ASYNCAWAIT2?: string;
}

export const client = _G as unknown as ClientApi;
