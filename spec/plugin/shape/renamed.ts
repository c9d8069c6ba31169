// Compiled by spec/plugin/tsconfig.shape.json, where a plugin before ours renames what ours matches.
export async function fetchCount(): Promise<number> {
    return 1;
}
