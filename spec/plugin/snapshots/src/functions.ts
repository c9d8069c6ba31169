// Async functions: a local one that calls itself, an exported one, a function expression.
async function countdown(n: number): Promise<number> {
    if (n === 0) return 0;
    await null;
    return 1 + (await countdown(n - 1));
}

export async function exported(label: string): Promise<string> {
    const n = await countdown(2);
    return `${label} ${n}`;
}

export const expression = async function (this: void, value: unknown): Promise<unknown> {
    return value;
};
