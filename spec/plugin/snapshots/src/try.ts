// try/catch/finally around await, with return, break and continue inside.
declare function step(i: number): Promise<string>;

export async function steps(): Promise<string> {
    let log = "";
    for (const i of [1, 2, 3, 4, 5]) {
        try {
            if (i === 2) continue;
            if (i === 4) break;
            log += await step(i);
        } catch (e) {
            log += `c${e}`;
        } finally {
            log += "f";
        }
    }
    try {
        return `${log} ${await step(0)}`;
    } finally {
        log += " (finally ran)";
    }
}
