// Async methods: one using this, a static one, one of an object literal.
export class Scanner {
    constructor(private readonly bags: number) {}

    async count(): Promise<number> {
        let total = 0;
        for (let bag = 0; bag < this.bags; bag++) total += await Scanner.size(bag);
        return total;
    }

    static async size(bag: number): Promise<number> {
        return bag * 2;
    }
}

export const handlers = {
    async onEvent(this: void, name: string): Promise<string> {
        await null;
        return name;
    },
};
