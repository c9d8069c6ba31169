/**
 * A fresh copy of the library's modules for each test: every src module is loaded anew, so no
 * scheduler state leaks from one case to the next. Core and API specs use this; specs of the
 * WoW runtime load the built addon in a fresh simulated client instead (game.ts).
 */
import type * as Errors from "../../src/core/errors";
import type * as Handover from "../../src/versions/handover";
import type * as Introspect from "../../src/core/introspect";
import type * as Scheduler from "../../src/core/scheduler";
import type * as Settings from "../../src/core/settings";
import type * as State from "../../src/core/state";
import type * as Upgrade from "../../src/versions/upgrade";
import type { Entries } from "../../src/core/types";
import type * as Surface from "../../src/api/surface";
import type * as Boot from "../../src/versions/boot";
import { reload } from "./modules";

export interface Library {
    /** The public functions, as the library table offers them. */
    api: Surface.Api;
    scheduler: typeof Scheduler;
    introspect: typeof Introspect;
    settings: typeof Settings;
    handover: typeof Handover;
    state: typeof State;
    upgrade: typeof Upgrade;
    errors: typeof Errors;
    /** Every entry point of this copy: the core's and the glue's. */
    entries: Entries;
}

/** Loads every src module anew and returns the ones specs use. */
export function freshLibrary(this: void): Library {
    const m = reload([
        "src.api.surface",
        "src.core.scheduler",
        "src.core.introspect",
        "src.core.settings",
        "src.versions.handover",
        "src.core.state",
        "src.versions.upgrade",
        "src.core.errors",
        "src.versions.boot",
    ]);
    (m.get("src.versions.boot") as typeof Boot).boot();
    return {
        api: (m.get("src.api.surface") as typeof Surface).publicApi,
        scheduler: m.get("src.core.scheduler"),
        introspect: m.get("src.core.introspect"),
        settings: m.get("src.core.settings"),
        handover: m.get("src.versions.handover"),
        state: m.get("src.core.state"),
        upgrade: m.get("src.versions.upgrade"),
        errors: m.get("src.core.errors"),
        entries: (m.get("src.versions.handover") as typeof Handover).entries,
    };
}
