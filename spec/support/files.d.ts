/** @noSelfInFile */
// Types for spec/support/files.lua.

/** The contents of a file. */
export function read(path: string): string;
/** Writes a file, creating its folder. */
export function write(path: string, text: string): void;
/** Whether a file exists. */
export function exists(path: string): boolean;
/** A new empty temporary folder. */
export function tempDir(): string;
