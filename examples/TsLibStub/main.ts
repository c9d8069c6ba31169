// An addon written in TypeScript that uses the AsyncAwait library LibStub holds: the standalone
// AsyncAwait addon, or the copy this addon embeds under Libs/AsyncAwait (any other addon's
// newer copy runs it all the same). Only types come from wow-asyncawait: nothing of it is
// compiled into TsLibStub.lua.
import type { Library } from "wow-asyncawait";

declare function LibStub(this: void, major: string): unknown;

const AA = (LibStub("AsyncAwait-1.0") as Library).forAddon("TsLibStub");

AA.async(() => {
    AA.waitForEvent("PLAYER_LOGIN");
    AA.nextFrame();
    const [bag] = AA.waitForEvent("BAG_UPDATE", (id) => id === 0);
    print(`TsLibStub: bag ${bag}`);
})();
