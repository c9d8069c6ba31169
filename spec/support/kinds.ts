/** The guard of the per-kind spec tables: each has a case for every wait kind the driver has. */
import { KINDS } from "../../src/wow/driver";

/** The names of the driver's wait kinds that no case of `cases` covers. */
export function kindsWithoutCase(this: void, cases: { kind: string }[]): string[] {
    const missing: string[] = [];
    for (const kind of KINDS) {
        if (!cases.some((c) => c.kind === kind.name)) {
            missing.push(kind.name);
        }
    }
    return missing;
}
