/**
 * LibStub: the World of Warcraft library registry, our own implementation of the standard
 * contract (major "LibStub", minor 2), compiled to its own `LibStub.lua`.
 *
 * Libraries register a table under a name (the major) and a revision (the minor); the newest
 * revision loaded wins, and it upgrades the table the older one created, in place, so that every
 * addon holding a reference sees the upgrade.
 *
 * It interoperates with the standard LibStub in either load order, because both follow the same
 * self-upgrade rule: whichever copy loads first and has the highest minor owns the global table,
 * and a later copy with a higher minor replaces the methods on that same table, keeping `libs`
 * and `minors`.
 *
 * The file defines one global, `LibStub`, and needs no other module and no lualib helper.
 */

const MAJOR = "LibStub";

/**
 * Our minor is 2, the standard's. A LibStub minor versions the shared contract, not one
 * implementation of it: every addon in the UI calls whichever LibStub owns the global. The
 * standard has been minor 2 for its whole life; ours implements exactly that contract, so it
 * claims the same minor. The consequences:
 * - loaded after a standard minor 2, ours does nothing and the standard one stays;
 * - loaded first, ours stays and a later standard minor 2 does nothing;
 * - an older stub (minor 1, or one without a minor) is upgraded in place by ours.
 * A minor of 3 would instead make every addon that embeds AsyncAwait silently replace the
 * LibStub of the whole UI, and would collide with any future genuine minor 3 that changes the
 * contract. Raise it only if this file ever changes the contract itself.
 */
const MINOR = 2;

/** Any table a library publishes. */
export type Library = object;

/** The `LibStub` global: a registry of libraries, callable as `LibStub(major, silent)`. */
export interface LibStubRegistry {
    /** The registry's own contract version. */
    minor: number;
    /** Each registered library's table, by major. */
    libs: LuaTable<string, Library>;
    /** Each registered library's minor, by major. */
    minors: LuaTable<string, number>;

    /**
     * Registers a library, or a newer revision of one. `minor` is a number, or a string whose
     * first run of digits is the revision (`"$Revision: 42 $"` is 42).
     *
     * Returns the library's table and the previously registered minor (nil when the major is
     * new); the caller fills or upgrades that table. Returns nil when the same or a newer minor
     * is already registered: the caller must then stop loading its copy.
     *
     * ```lua
     * local lib, oldMinor = LibStub:NewLibrary("MyLib-1.0", 3)
     * if not lib then return end   -- an equal or newer copy is already loaded
     * lib.state = lib.state or {}  -- keep live data across upgrades
     * ```
     */
    NewLibrary(this: LibStubRegistry, major: string, minor: number | string): LuaMultiReturn<[Library, number | undefined]> | undefined;

    /**
     * The library registered under `major` and its minor. Raises
     * `Cannot find a library instance of "major".` at the caller's line when there is none,
     * unless `silent` is true: then returns nil.
     *
     * ```lua
     * local AA = LibStub("AsyncAwait-1.0")            -- same as LibStub:GetLibrary(...)
     * local maybe = LibStub("Optional-1.0", true)      -- nil when absent
     * ```
     */
    GetLibrary(this: LibStubRegistry, major: string, silent?: boolean): LuaMultiReturn<[Library | undefined, number | undefined]>;

    /**
     * Iterates the registered libraries: `for major, lib in LibStub:IterateLibraries() do`.
     */
    IterateLibraries(this: LibStubRegistry): LuaIterable<LuaMultiReturn<[string, Library]>>;
}

/** The globals table, indexed by name. */
const globals = _G as unknown as LuaTable<string, unknown>;

/** A bad argument in an error message: its type, and its value when it is short. */
function describe(this: void, value: unknown): string {
    const kind = type(value);
    if (kind === "number" || kind === "boolean") return `${kind} (${tostring(value)})`;
    if (kind === "string" && (value as string).length <= 40) return string.format("string (%q)", value);
    return kind;
}

/** The minor a stub claims; 0 for a table without a numeric `minor` (an ancient or broken stub). */
function minorOf(this: void, stub: unknown): number {
    if (type(stub) !== "table") return -1;
    const minor = (stub as { minor?: unknown }).minor;
    return type(minor) === "number" ? (minor as number) : 0;
}

/**
 * Installs our methods on `stub` (a new table, or an older LibStub's own table, which keeps its
 * `libs` and `minors`), and makes it the global.
 */
function install(this: void, existing: unknown): void {
    const stub = (type(existing) === "table" ? existing : {}) as LibStubRegistry;
    if (type(stub.libs) !== "table") stub.libs = new LuaTable();
    if (type(stub.minors) !== "table") stub.minors = new LuaTable();
    stub.minor = MINOR;

    // Each method raises with `error(msg, 2)` in its own body (never in a helper), so that the
    // error points at the addon line that called LibStub.
    stub.NewLibrary = function (this: LibStubRegistry, major: string, minor: number | string) {
        if (type(major) !== "string") {
            error(`LibStub: NewLibrary(major, minor): major must be a string, got ${describe(major)}`, 2);
        }
        const kind = type(minor);
        // The first run of digits, as the standard LibStub reads it (a number minor goes through
        // tostring too, so 2.5 counts as 2 in both implementations).
        const digits = kind === "number" || kind === "string" ? string.match(tostring(minor), "%d+")[0] : undefined;
        if (digits === undefined) {
            error(`LibStub: NewLibrary(major, minor): minor must be a number or a string containing one, got ${describe(minor)}`, 2);
        }
        const revision = tonumber(digits) as number;
        const oldMinor = this.minors.get(major);
        if (oldMinor !== undefined && oldMinor >= revision) return undefined;
        let lib = this.libs.get(major);
        if (lib === undefined) {
            lib = {};
            this.libs.set(major, lib);
        }
        this.minors.set(major, revision);
        return $multi(lib, oldMinor);
    };

    stub.GetLibrary = function (this: LibStubRegistry, major: string, silent?: boolean) {
        const lib = this.libs.get(major);
        if (lib === undefined && !silent) {
            error(string.format("Cannot find a library instance of %q.", tostring(major)), 2);
        }
        return $multi(lib, this.minors.get(major));
    };

    stub.IterateLibraries = function (this: LibStubRegistry) {
        return pairs(this.libs);
    };

    // `LibStub(major, silent)`: __call passes the table as the first argument, so GetLibrary is
    // the metamethod itself and its level-2 errors still point at the caller.
    setmetatable(stub, { __call: stub.GetLibrary });
    globals.set(MAJOR, stub);
}

if (minorOf(globals.get(MAJOR)) < MINOR) {
    install(globals.get(MAJOR));
}
