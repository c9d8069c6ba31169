/** @noSelfInFile */
/**
 * AsyncAwait.pcall and xpcall behave as the builtins, inside a task and out (issue 15, items 3
 * and 4): with any callable (C functions such as tonumber and error, callable tables), with
 * nils among values and arguments (their count kept, across awaits too), and xpcall passing
 * its extra arguments to the function as the client's does. Checked on the core alone (stock
 * Lua 5.1, whose xpcall passes no arguments) and in the simulated client.
 */
import { freshLibrary } from "../support/fresh";
import { startGame } from "../support/game";
import { pack } from "../support/lua";
import type { Api } from "../../src/api/surface";

type Packed = ReturnType<typeof pack>;

interface Setting {
    name: string;
    /** The library, and a way to run its tasks until they are done or parked. */
    start: (this: void) => {
        A: Api;
        run: (this: void) => void;
        fire: (this: void, ...values: unknown[]) => void;
        wait: (this: void) => unknown;
    };
}

const SETTINGS: Setting[] = [
    {
        name: "on the core alone",
        start: () => {
            const L = freshLibrary();
            const wait = { what: "a test wait" };
            return {
                A: L.api,
                run: () => L.api.scheduleAll(),
                wait: () => L.scheduler.park(wait),
                fire: (...values) => {
                    L.scheduler.wakeParked(wait, ...values);
                    L.api.scheduleAll();
                },
            };
        },
    },
    {
        name: "in the client",
        start: () => {
            const { sim, AA } = startGame();
            return {
                A: AA,
                run: () => sim.runFrames(10),
                wait: () => AA.waitForEvent("BAG_UPDATE"),
                fire: (...values) => {
                    sim.fireEvent("BAG_UPDATE", ...values);
                    sim.runFrames(2);
                },
            };
        },
    },
];

/** A table that can be called: returns its arguments' count and them, or raises when asked to. */
function callableBody(...args: unknown[]): LuaMultiReturn<unknown[]> {
    const [first] = [...args];
    if (first === "raise") {
        error("raised by __call", 3);
    }
    return $multi(select("#", ...args), ...args);
}
const callable = setmetatable(
    {},
    {
        __call(this: void, _self: unknown, ...args: unknown[]) {
            return callableBody(...args);
        },
    },
) as unknown as (this: void, ...args: unknown[]) => unknown;

const BOOM = { code: 1 };
const nilsOut = (): LuaMultiReturn<unknown[]> => $multi(1, undefined, 3, undefined);
const countArgs = (...args: unknown[]): LuaMultiReturn<unknown[]> => $multi(select("#", ...args), ...args);
const twoValues = (): LuaMultiReturn<string[]> => $multi("one", "two");
const mark = (err: unknown): string => `handled: ${tostring(err)}`;

/** The calls whose results AsyncAwait's pcall and xpcall must share with the builtins' (pcall's, and xpcall's as the client has it). */
function cases(this: void, A: Api): [string, Packed, Packed][] {
    return [
        ["pcall(tonumber, '12')", pack(...A.pcall(tonumber as never, "12")), pack(...pcall(tonumber, "12"))],
        ["pcall(tonumber)", pack(...A.pcall(tonumber as never)), pack(...pcall(tonumber as never))],
        ["pcall(error, 'boom')", pack(...A.pcall(error as never, "boom")), pack(...pcall(error, "boom"))],
        ["pcall(error, a table)", pack(...A.pcall(error as never, BOOM)), pack(...pcall(error, BOOM))],
        ["pcall(tostring, nil)", pack(...A.pcall(tostring as never, undefined)), pack(...pcall(tostring, undefined))],
        ["pcall(select, '#', nil, nil)", pack(...A.pcall(select as never, "#", undefined, undefined)), pack(true, 2)],
        ["pcall(nil)", pack(...A.pcall(undefined as never)), pack(false, "attempt to call a nil value")],
        ["pcall(42)", pack(...A.pcall(42 as never)), pack(false, "attempt to call a number value")],
        ["pcall({})", pack(...A.pcall({} as never)), pack(false, "attempt to call a table value")],
        ["pcall(callable, 1, nil)", pack(...A.pcall(callable, 1, undefined)), pack(...pcall(callable, 1, undefined))],
        ["pcall(callable, 'raise')", pack(...A.pcall(callable, "raise")), pack(...pcall(callable, "raise"))],
        ["pcall(nils out)", pack(...A.pcall(nilsOut)), pack(true, 1, undefined, 3, undefined)],
        [
            "pcall(count, nils in)",
            pack(...A.pcall(countArgs, "P", undefined, "Q", undefined)),
            pack(true, 4, "P", undefined, "Q", undefined),
        ],
        [
            "xpcall(count, h, nils in)",
            pack(...A.xpcall(countArgs, mark, "P", undefined, "Q", undefined)),
            pack(true, 4, "P", undefined, "Q", undefined),
        ],
        ["xpcall(nils out, h)", pack(...A.xpcall(nilsOut, mark)), pack(true, 1, undefined, 3, undefined)],
        ["xpcall(tonumber, h, '12')", pack(...A.xpcall(tonumber as never, mark, "12")), pack(true, 12)],
        ["xpcall(tonumber, h, 'ff', 16)", pack(...A.xpcall(tonumber as never, mark, "ff", 16)), pack(true, 255)],
        ["xpcall(error, h, 'boom')", pack(...A.xpcall(error as never, mark, "boom")), pack(false, "handled: boom")],
        ["xpcall(error, h)", pack(...A.xpcall(error as never, mark)), pack(false, "handled: nil")],
        ["xpcall(nil, h, 1)", pack(...A.xpcall(undefined as never, mark, 1)), pack(false, "handled: attempt to call a nil value")],
        ["xpcall(callable, h, 1, nil)", pack(...A.xpcall(callable, mark, 1, undefined)), pack(true, 2, 1, undefined)],
        ["xpcall(callable, h, 'raise')", pack(...A.xpcall(callable, mark, "raise")), pack(false, "handled: raised by __call")],
        ["xpcall(handler's one value)", pack(...A.xpcall(() => error("x", 0), twoValues as never)), pack(false, "one")],
    ];
}

/** The cases whose results differ from the builtins'. */
function differences(this: void, list: [string, Packed, Packed][]): string[] {
    const problems: string[] = [];
    for (const [call, got, want] of list) {
        let same = got.n === want.n;
        for (const i of $range(1, want.n)) {
            same = same && got[i] === want[i];
        }
        if (!same) {
            const shown: string[] = [];
            for (const i of $range(1, got.n)) {
                shown.push(tostring(got[i]));
            }
            problems.push(`${call}: got ${got.n} values: ${shown.join(", ")}`);
        }
    }
    return problems;
}

for (const setting of SETTINGS) {
    describe(`AsyncAwait.pcall and xpcall ${setting.name}`, () => {
        it("issue 15.4: outside a task, return what the builtins return, nils and their count kept", () => {
            const { A } = setting.start();
            assert.are.same([], differences(cases(A)));
        });

        it("issue 15.3: inside a task, take C functions, callable tables and non-callables as the builtins do", () => {
            const { A, run } = setting.start();
            let found: string[] | undefined;
            const t = A.async(() => {
                found = differences(cases(A));
            })();
            run();
            assert.are.equal("dead", t.state);
            assert.is_nil(t.error);
            assert.are.same([], found);
        });

        it("issue 15.4: inside a task, keep nils among arguments, results and resumed values across awaits", () => {
            const { A, run, wait, fire } = setting.start();
            const out: Packed[] = [];
            const nilsLater = A.async(() => {
                A.yield();
                return $multi(undefined, 2, undefined);
            });
            A.async(() => {
                out.push(
                    pack(
                        ...A.pcall(
                            (...args: unknown[]) => {
                                A.yield();
                                return $multi(select("#", ...args), ...args);
                            },
                            "a",
                            undefined,
                            "b",
                            undefined,
                        ),
                    ),
                );
                out.push(pack(...A.pcall(() => A.await(nilsLater()))));
                out.push(
                    pack(
                        ...A.xpcall(
                            (...args: unknown[]) => {
                                A.yield();
                                return $multi(select("#", ...args), ...args);
                            },
                            mark,
                            undefined,
                            undefined,
                        ),
                    ),
                );
                out.push(pack(...A.pcall(wait)));
            })();
            run();
            fire(undefined, "x", undefined);
            run();
            assert.are.same(
                [
                    pack(true, 4, "a", undefined, "b", undefined),
                    pack(true, undefined, 2, undefined),
                    pack(true, 2, undefined, undefined),
                    pack(true, undefined, "x", undefined),
                ],
                out,
            );
        });

        it("issue 15.3: a callable table inside a task can await, as a function can", () => {
            const { A, run } = setting.start();
            const awaiting = setmetatable(
                {},
                {
                    __call(this: void, _self: unknown, x: unknown) {
                        A.yield();
                        return $multi("after a yield", x);
                    },
                },
            ) as unknown as (this: void, ...args: unknown[]) => unknown;
            let got: Packed | undefined;
            A.async(() => {
                got = pack(...A.pcall(awaiting, 7));
            })();
            run();
            assert.are.same(pack(true, "after a yield", 7), got);
        });
    });
}
