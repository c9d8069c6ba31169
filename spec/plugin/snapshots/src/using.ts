// `await using` of a sync and an async resource, and `using` in an async function.
declare function open(name: string): Disposable;
declare function openAsync(name: string): AsyncDisposable;

export async function withResources(): Promise<string> {
    await using file = open("file");
    await using stream = openAsync("stream");
    await null;
    return "done";
}

export async function withSync(): Promise<number> {
    using file = open("file");
    await null;
    return 1;
}
