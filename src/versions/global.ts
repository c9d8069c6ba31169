/**
 * The type of the `LibStub` global, for a TypeScript addon that uses the library LibStub holds
 * instead of bundling it. Apart from src/libstub/libstub.ts, which is compiled alone into
 * LibStub.lua: a type import there would bring the whole library into that file.
 */
import type { Library as AsyncAwaitLibrary } from "../api/surface";
import type { Library, LibStubRegistry } from "../libstub/libstub";

/**
 * The `LibStub` global as a TypeScript addon calls it (the package declares no global of its
 * own): `declare const LibStub: import("wow-asyncawait").LibStubGlobal;` then
 * `LibStub("AsyncAwait-1.0")` is the library, typed, and another major an unknown table.
 */
export interface LibStubGlobal extends LibStubRegistry {
    (this: void, major: "AsyncAwait-1.0", silent?: false): AsyncAwaitLibrary;
    (this: void, major: "AsyncAwait-1.0", silent: boolean): AsyncAwaitLibrary | undefined;
    (this: void, major: string, silent?: boolean): Library | undefined;
}
