// Each "@N" string is on line N of this file: the Lua line holding it must map back to line N
// (spec/plugin/maps.js), in a file the plugin rewrote (a prelude before its code) and not.
import { plain } from "./plain";
export async function step(log: (s: string) => void): Promise<void> {
    log("@5");
    await Promise.resolve();
    log("@7");
    try {
        log("@9");
        await step(log);
    } finally {
        log("@12");
    }
}
plain((s) => print("@15", s));
