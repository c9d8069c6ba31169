// Promise interop: Promise.all over async calls, an awaited new Promise, a returned promise
// (adopted), an awaited plain value.
async function double(x: number): Promise<number> {
    await null;
    return x * 2;
}

export async function combined(): Promise<string> {
    const [a, b] = await Promise.all([double(1), double(2)]);
    const fromPromise = await new Promise<string>((resolve) => resolve("p"));
    const plain = await 7;
    return `${a} ${b} ${fromPromise} ${plain}`;
}

export async function adopted(): Promise<number> {
    return double(5);
}
