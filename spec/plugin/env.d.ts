// What the cases may use besides the language: console.log, which node has and the Lua runner
// (run.lua) defines.
declare const console: { log(this: void, ...values: unknown[]): void };
