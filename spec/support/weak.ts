/**
 * Weak references, for specs that check the library keeps nothing alive: watch values under
 * keys, drop every other reference, then ask which keys are still reachable.
 */

/** Values held weakly under keys. */
export interface WeakWatch<K extends string | number> {
    /** Holds `value` weakly under `key`. */
    watch(this: void, key: K, value: object): void;
    /** After a full collect, the keys whose values are still reachable, sorted. */
    reachable(this: void): K[];
}

/** A full collect: the second cycle frees what the first one's finalizers let go. */
export function fullCollect(this: void): void {
    collectgarbage("collect");
    collectgarbage("collect");
}

export function weakWatch<K extends string | number>(this: void): WeakWatch<K> {
    const held = setmetatable(new LuaTable<K, object>(), { __mode: "v" });
    return {
        watch: (key, value) => {
            held.set(key, value);
        },
        reachable: () => {
            fullCollect();
            const keys: K[] = [];
            for (const [key] of held) {
                keys.push(key);
            }
            table.sort(keys);
            return keys;
        },
    };
}

/** A weak reference to one value: the function returns whether it is still reachable after a full collect. */
export function weakRef(this: void, value: object): () => boolean {
    const watch = weakWatch<"value">();
    watch.watch("value", value);
    return () => watch.reachable().length > 0;
}
