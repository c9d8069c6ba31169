// The little of node's API plugin.js uses, for its type check (spec/plugin/tsconfig.check.json)
// without node's typings as a dependency.
declare module "path" {
    export const sep: string;
    export function basename(path: string): string;
    export function dirname(path: string): string;
    export function relative(from: string, to: string): string;
    export function resolve(...paths: string[]): string;
}
declare const process: { cwd(): string };
declare const Buffer: { from(text: string): { toString(encoding: "base64"): string } };
