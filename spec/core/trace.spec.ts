/** Tracebacks as reports show them: the addon's frames, none of the library's. */
import { addonFrames } from "../../src/core/trace";

describe("addonFrames", () => {
    it("drops the frames of any built copy of the library, with either path separator, and C and tail-call frames", () => {
        const trace = [
            "stack traceback:",
            "[C]: in function 'error'",
            "C:\\WoW\\Interface\\AddOns\\Other\\Libs\\AsyncAwait\\AsyncAwait.lua:504: in function 'raiseAtCaller'",
            "Interface\\AddOns\\Mine\\main.lua:3: in function 'helper'",
            "Interface/AddOns/Mine/main.lua:7: in function <Interface/AddOns/Mine/main.lua:6>",
            "(tail call): ?",
            "Interface/AddOns/Mine/Libs/AsyncAwait/AsyncAwait.lua:2418: in function <Interface/AddOns/Mine/Libs/AsyncAwait/AsyncAwait.lua:2404>",
        ].join("\n");
        assert.are.equal(
            "Interface\\AddOns\\Mine\\main.lua:3: in function 'helper'\nInterface/AddOns/Mine/main.lua:7: in function <Interface/AddOns/Mine/main.lua:6>",
            addonFrames(trace),
        );
    });

    it("keeps a traceback of library frames only as it is (nothing else would be left)", () => {
        const trace = "Interface/AddOns/AsyncAwait/AsyncAwait.lua:12: in function 'x'";
        assert.are.equal(trace, addonFrames(trace));
    });

    it("keeps the frames of an addon whose name merely ends in AsyncAwait", () => {
        const line = "Interface/AddOns/MyAsyncAwait/MyAsyncAwait.lua:3: in function 'f'";
        assert.are.equal(line, addonFrames(line));
    });
});
