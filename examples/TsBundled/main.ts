// An addon written in TypeScript that bundles AsyncAwait: TypeScriptToLua compiles the library
// into TsBundled.lua with this file. At load the bundled copy registers with LibStub; when
// another addon runs the same or a newer copy, this one hands every call to it, so all addons
// share one scheduler.
import * as AA from "wow-asyncawait";

const addon = AA.forAddon("TsBundled");

const double = addon.async((x: number) => x * 2);

addon.async(() => {
    const [isInitialLogin] = AA.waitForEvent("PLAYER_ENTERING_WORLD");
    AA.sleep(0.1);
    const value = AA.await(double(21));
    const ready = AA.waitUntil(() => (value > 40 ? "ready" : undefined));
    print(`TsBundled: ${value} ${ready} (initial login: ${tostring(isInitialLogin)})`);
})();

// Control: a wait bounded in time, a combinator, a pcall that may wait, a cancelled task.
addon.async(() => {
    AA.waitForEvent("PLAYER_LOGIN");
    const slow = addon.async(() => {
        AA.sleep(60);
        return "late";
    });
    const [ok, err] = AA.pcall(() => AA.await(AA.timeout(slow(), 0.1)));
    const both = AA.await(AA.all([double(1), double(2)]));
    const scan = slow();
    AA.cancel(scan, "window closed");
    print(`TsBundled: ${tostring(ok)} ${AA.errorKind(err)} ${both[0]}+${both[1]} ${tostring(scan.cancelled)}`);
})();
