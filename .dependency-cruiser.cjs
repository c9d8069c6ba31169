/**
 * The layers of src/, checked by `make test` (scripts/check-layers.sh runs dependency-cruiser):
 *
 *   core  →  wow  →  api  →  versions  →  the entries (src/index.ts, src/addon.ts)
 *
 * A module imports only from its own layer and those to its left; src/version.ts (constants)
 * and src/libstub/ (LibStub, compiled alone) import nothing of ours. Type-only imports count:
 * a type that points up is a dependency that points up. No cycles at all.
 *
 * The scheduler's exports serve three audiences (see src/core/scheduler.ts): the kernel API,
 * which src/wow/ and src/api/ import from src/core/kernel.ts; cold-core hooks, for src/core/
 * alone; the handover, which src/versions/ imports from src/core/lifecycle.ts.
 */
const layer = (name, may) => ({
    name: `${name}-imports-only-${may.join("-")}`,
    comment: `src/${name}/ may import only from ${may.map((l) => `src/${l}/`).join(", ")} and src/version.ts`,
    severity: "error",
    from: { path: `^src/${name}/` },
    to: { path: "^src/", pathNot: [`^src/(${may.join("|")})/`, "^src/version\\.ts$"] },
});

module.exports = {
    forbidden: [
        {
            name: "no-cycles",
            comment: "No import cycle, type-only imports included.",
            severity: "error",
            from: {},
            to: { circular: true },
        },
        layer("core", ["core"]),
        layer("wow", ["core", "wow"]),
        layer("api", ["core", "wow", "api"]),
        layer("versions", ["core", "wow", "api", "versions", "libstub"]),
        {
            name: "leaves-import-nothing",
            comment: "src/version.ts and src/libstub/ (compiled alone into LibStub.lua) import nothing of ours.",
            severity: "error",
            from: { path: "^src/(version\\.ts$|libstub/)" },
            to: { path: "^src/" },
        },
        {
            name: "base-types-at-the-bottom",
            comment: "src/core/task.ts imports nothing; src/core/types.ts only task.ts: every module may use them.",
            severity: "error",
            from: { path: "^src/core/(task|types)\\.ts$" },
            to: { path: "^src/", pathNot: "^src/core/task\\.ts$" },
        },
        {
            name: "whole-state-for-its-writers-only",
            comment:
                "The writable core state (src/core/wholeState.ts) is the scheduler's, the edit bracket's (settings.ts) and the handover's (lifecycle.ts, src/versions/); every other module reads the view in state.ts.",
            severity: "error",
            from: { pathNot: "^src/(core/(scheduler|settings|lifecycle)\\.ts|versions/(boot|handover|upgrade)\\.ts)$" },
            to: { path: "^src/core/wholeState\\.ts$" },
        },
        {
            name: "scheduler-kernel-api-only",
            comment:
                "src/wow/ and src/api/ use the scheduler through its kernel API (src/core/kernel.ts) only: not its cold-core hooks, nor the handover (src/core/lifecycle.ts).",
            severity: "error",
            from: { path: "^src/(wow|api)/" },
            to: { path: "^src/core/(scheduler|lifecycle)\\.ts$" },
        },
        {
            name: "scheduler-handover-through-lifecycle",
            comment:
                "src/versions/ uses the scheduler through src/core/kernel.ts and the handover's src/core/lifecycle.ts only, not its cold-core hooks.",
            severity: "error",
            from: { path: "^src/versions/" },
            to: { path: "^src/core/scheduler\\.ts$" },
        },
        {
            name: "nothing-imports-the-entries",
            comment: "src/index.ts and src/addon.ts are the top: no module imports them.",
            severity: "error",
            from: { path: "^src/" },
            to: { path: "^src/(index|addon)\\.ts$" },
        },
        {
            name: "no-unresolvable",
            comment: "Every import resolves to a file (a moved module leaves no dangling import).",
            severity: "error",
            from: { path: "^(src|spec)/" },
            to: { couldNotResolve: true, pathNot: "^(index|busted|luaunit)$" },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^(node_modules|build|lib|addon)/" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        enhancedResolveOptions: { extensions: [".ts", ".d.ts", ".js"] },
        reporterOptions: { text: { highlightFocused: true } },
    },
};
