/** @noSelfInFile */
/**
 * The entry of a spec build of the addon (tstl.json: build/newkind/AsyncAwait.lua) with one
 * wait kind more than src/ has, ping.ts: the driver's KINDS and one line, then the library, as
 * the built addon's entry (src/addon.ts) loads it. ping.spec.ts runs it.
 */
import { KINDS } from "../../../src/wow/driver";
import type { WaitKind } from "../../../src/wow/kinds";
import { pingKind } from "./ping";

declare function require(this: void, module: string, ...args: unknown[]): unknown;

(KINDS as WaitKind[]).push(pingKind); // the one line: a kind added in src/ is this line in KINDS
require("src.index", ...$vararg);
