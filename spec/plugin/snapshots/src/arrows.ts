// Async arrows: an expression body of a plain type, one that may be a promise, a block body.
export const triple = async (x: number) => x * 3;
export const forward = async (p: Promise<string>) => p;
export const block = async (xs: number[]) => {
    let total = 0;
    for (const x of xs) total += await triple(x);
    return total;
};
