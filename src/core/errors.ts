/** Wording of the errors the public API raises. */

/** Describes a bad argument for an error message: its type, and its value when short. */
export function describe(this: void, value: unknown): string {
    const kind = type(value);
    if (kind === "number" || kind === "boolean") {
        return `${kind} (${tostring(value)})`;
    }
    if (kind === "string") {
        const text = value as string;
        return text.length <= 40 ? `string ("${text}")` : "string";
    }
    return kind;
}
