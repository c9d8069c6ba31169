/**
 * make test-long: runs many model-based programs (default 10,000 from seed 1), printing each
 * failure's seed and shrunk program as it is found; SEED=n runs that one seed only.
 *   lua5.1 build/spec/spec/model/long.lua [count] [first seed]
 */
import { runSeeds } from "./check";

/** The command line's arguments (Lua's 1-based `arg`). */
declare const arg: LuaTable<number, string>;

const only = os.getenv("SEED");
const first = only !== undefined ? tonumber(only)! : (tonumber(arg.get(2) ?? "1") ?? 1);
const count = only !== undefined ? 1 : (tonumber(arg.get(1) ?? "10000") ?? 10000);
const started = os.clock();
const failures = runSeeds(first, first + count - 1, (report) => print(report));
print(`${count} programs from seed ${first}: ${failures.length} failed (${string.format("%.0f", os.clock() - started)} s)`);
if (failures.length > 0) {
    error("model-based programs failed", 0);
}
