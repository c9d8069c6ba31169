/**
 * busted helper, run before every spec file: removes the globals busted brings that the WoW
 * client does not have, so specs see the client's Lua 5.1, and makes busted report failures at
 * their TypeScript lines (positions.lua).
 */
import { install } from "./positions";

install();
const tbl = table as unknown as Record<string, unknown>;
tbl.unpack = undefined;
tbl.pack = undefined;
const G = _G as unknown as Record<string, unknown>;
G.warn = undefined;
G.lfs = undefined;
