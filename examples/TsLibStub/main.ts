// An addon written in TypeScript that uses the AsyncAwait library LibStub holds: the standalone
// AsyncAwait addon, or the copy this addon embeds under Libs/AsyncAwait (any other addon's
// newer copy runs it all the same). Only types come from wow-asyncawait: nothing of it is
// compiled into TsLibStub.lua. An import() type, not an `import type`: TypeScriptToLua 1.37
// compiles the latter to a require under verbatimModuleSyntax, which would bundle the library.

/** The client's LibStub, loaded before this file (Libs\AsyncAwait\lib.xml). */
declare const LibStub: import("wow-asyncawait").LibStubGlobal;
const AA = LibStub("AsyncAwait-1.0").forAddon("TsLibStub");

AA.async(() => {
    AA.waitForEvent("PLAYER_LOGIN");
    AA.nextFrame();
    const [bag] = AA.waitForEvent("BAG_UPDATE", (id) => id === 0);
    print(`TsLibStub: bag ${bag}`);
})();

export {}; // a module: TypeScriptToLua makes a script's top-level names globals
