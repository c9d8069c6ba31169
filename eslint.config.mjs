// Lint for TypeScript written for TypeScriptToLua (Lua 5.1, WoW) and the repository's node
// scripts. `make lint` runs it with the format check; `make test` runs `make lint`.
// Formatting is Prettier's (.prettierrc.json): no stylistic rule here.
import js from "@eslint/js";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// What WoW's Lua 5.1 lacks (lua-types' 5.1 subset already hides most of them from the types;
// this names them at the line). `os` is limited to time/clock/date below.
const wowLacks = [
    { name: "require", message: "WoW has no require: import the module (the bundle has its own local require)." },
    { name: "io", message: "WoW has no io library." },
    { name: "debug", message: "WoW has no debug table: use debugstack (see src/core/trace.ts)." },
    { name: "package", message: "WoW has no package library." },
    { name: "dofile", message: "WoW has no dofile." },
    { name: "loadfile", message: "WoW has no loadfile." },
];

// Constructs TSTL compiles to lualib helpers, JavaScript runtime classes or code WoW cannot run:
// never in the library (src/).
const notInLibrary = [
    { selector: "UnaryExpression[operator='delete']", message: "delete compiles to __TS__Delete: assign undefined (o[k] = nil)." },
    { selector: "ClassDeclaration, ClassExpression", message: "A class is a lualib metatable chain: use plain records and functions." },
    { selector: "BinaryExpression[operator='instanceof']", message: "instanceof is a lualib walk of the metatable chain." },
    {
        selector: "NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet|Array|Error|RegExp|Date)$/]",
        message: "A JavaScript runtime class is a lualib class: use LuaTable/LuaMap/LuaSet, plain tables or error().",
    },
    {
        selector: "FunctionDeclaration[async=true], FunctionExpression[async=true], ArrowFunctionExpression[async=true], AwaitExpression",
        message:
            "TypeScript's async/await is lualib's Promise and a coroutine per call: the library is the scheduler, use its own primitives.",
    },
    {
        selector: "FunctionDeclaration[generator=true], FunctionExpression[generator=true]",
        message: "A generator compiles to lualib's generator helpers.",
    },
    { selector: "Literal[regex]", message: "No regular expressions in Lua: use string.find/match patterns." },
    { selector: "Literal[bigint]", message: "No bigint in Lua 5.1." },
    { selector: "PrivateIdentifier", message: "TSTL rejects #private: use the private keyword." },
    {
        selector: "MemberExpression[object.name='os'][property.name!=/^(time|clock|date)$/]",
        message: "WoW's os has time, clock and date only.",
    },
    {
        selector: "MemberExpression[object.name='table'][property.name=/^(unpack|pack)$/]",
        message: "Lua 5.1 has no table.unpack/table.pack: use unpack and select('#', ...).",
    },
];

// On the hot path (src/core/, the frame driver) also what costs a lualib call, a table or extra
// locals per use. Checked by name, without types: a string's methods are lualib helpers too
// (Lua's string.*, table.* are not; `join` of strings is table.concat, so it is allowed).
const hotPath = [
    // `const [a] = [...rest]` is `local a = ...` (`unpack(arr)` for an array): no table, allowed.
    {
        selector: "ArrayExpression:not(VariableDeclarator[id.type='ArrayPattern'] > ArrayExpression) > SpreadElement",
        message: "Hot module: an array spread builds a table (and __TS__Spread for a non-array); index, or use $vararg.",
    },
    {
        selector:
            "CallExpression[callee.type='MemberExpression'][callee.object.name!=/^(string|table|math|coroutine|bit|Object|Array|Number|Symbol|JSON|Promise)$/][callee.property.name=/^(map|filter|forEach|reduce|reduceRight|some|every|find|findIndex|findLast|findLastIndex|indexOf|lastIndexOf|includes|splice|slice|concat|sort|reverse|flat|flatMap|fill|shift|unshift|entries|keys|values|at|split|startsWith|endsWith|trim|trimStart|trimEnd|padStart|padEnd|replace|replaceAll|substring|substr|charAt|charCodeAt|toUpperCase|toLowerCase|repeat)$/]",
        message: "Hot module: Array/String prototype methods compile to lualib helpers; write the loop (or string.* / table.*).",
    },
    {
        selector: "CallExpression[callee.property.name='push'][arguments.length>1]",
        message: "Hot module: push with several values is __TS__ArrayPush; push one at a time.",
    },
    {
        selector: "MemberExpression[object.name=/^(Object|Array|Number|Symbol|JSON|Promise)$/]",
        message: "Hot module: Object/Array/Number/Symbol/JSON/Promise statics are lualib helpers.",
    },
    {
        selector: "CallExpression[callee.name=/^(parseInt|parseFloat|isNaN|isFinite)$/]",
        message: "Hot module: a lualib helper; use tonumber / x !== x.",
    },
    {
        selector: "CallExpression[optional=true]",
        message:
            "Hot module: an optional call adds a temporary local per use (the hot module's locals are counted); test the function first.",
    },
    {
        selector: "Property[kind=/^(get|set)$/], MethodDefinition[kind=/^(get|set)$/]",
        message: "Hot module: an accessor is an __index function on every access.",
    },
];

const tsRules = {
    // Lua has no coercing ==: `"1" == 1` is true in JavaScript and false in Lua, and TSTL compiles
    // == and === alike, so the source must say what the Lua does.
    eqeqeq: ["error", "always"],
    "prefer-const": "error",
    "no-var": "error",
    "no-constant-condition": ["error", { checkLoops: false }],
    "@typescript-eslint/no-unused-vars": [
        "error",
        { args: "after-used", argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
    ],
    // Type-aware, for what TSTL compiles differently from JavaScript:
    "@typescript-eslint/no-for-in-array": "error", // for...in is pairs(): keys are 1-based numbers, in no order
    "@typescript-eslint/no-array-delete": "error", // delete a[i] leaves a hole: # and ipairs stop there
    "@typescript-eslint/restrict-plus-operands": ["error", { allowAny: false, allowNumberAndString: true }], // + becomes .. only when a side is typed string
    // TSTL records are untyped tables; `any` is the honest type of a slot.
    "@typescript-eslint/no-explicit-any": "off",
    // Lua-side declarations (declare namespace, declare global) are how lua-types and WoW are typed.
    "@typescript-eslint/no-namespace": "off",
    // No TypeScript promise runs here (the library schedules its own tasks), so a dropped one is
    // not a bug of this code.
    "@typescript-eslint/no-floating-promises": "off",
    "@typescript-eslint/no-misused-promises": "off",
    "@typescript-eslint/require-await": "off",
};

export default defineConfig(
    {
        ignores: [
            "node_modules/**",
            "build/**",
            "addon/**",
            "lib/**",
            "dist/**",
            "**/*.d.ts",
            "spec/plugin/snapshots/lua/**",
            "examples/*/node_modules/**",
        ],
    },
    {
        files: ["**/*.ts"],
        extends: [js.configs.recommended, ...tseslint.configs.recommended],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        linterOptions: { reportUnusedDisableDirectives: "error" },
        rules: tsRules,
    },
    {
        files: ["src/**/*.ts"],
        rules: {
            "no-restricted-globals": ["error", ...wowLacks],
            "no-restricted-syntax": ["error", ...notInLibrary],
        },
    },
    {
        files: ["src/core/**/*.ts", "src/wow/driver.ts"],
        rules: { "no-restricted-syntax": ["error", ...notInLibrary, ...hotPath] },
    },
    {
        // Specs run under busted with lualib available: what they compile to is not shipped.
        files: ["spec/**/*.ts"],
        rules: {
            "@typescript-eslint/no-non-null-assertion": "off",
            "@typescript-eslint/no-unused-expressions": "off", // busted's assert chains
            // `let self; self = async(() => ... self ...)`: a closure made before the assignment reads it.
            "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
        },
    },
    {
        // The plugin's fixtures: TypeScript's own constructs as the plugin must compile them (a
        // `using` binding is there to be disposed; a finally's assignment shows that it ran).
        files: ["spec/plugin/**/*.ts", "examples/**/*.ts"],
        rules: {
            "@typescript-eslint/no-unused-vars": [
                "error",
                {
                    args: "after-used",
                    argsIgnorePattern: "^_",
                    varsIgnorePattern: "^_",
                    caughtErrors: "none",
                    ignoreUsingDeclarations: true,
                },
            ],
            "no-useless-assignment": "off",
        },
    },
    {
        // Compiled by the plugin specs with their own tsconfig.<name>.json, which the project
        // service does not find: checked without type information.
        files: ["spec/plugin/deferred/*.ts", "spec/plugin/maps/*.ts", "spec/plugin/mapsonly/*.ts", "spec/plugin/shape/*.ts"],
        extends: [tseslint.configs.disableTypeChecked],
        rules: {
            "@typescript-eslint/restrict-plus-operands": "off",
            "@typescript-eslint/no-for-in-array": "off",
            "@typescript-eslint/no-array-delete": "off",
        },
    },
    {
        // Examples import the published package, which the repository does not resolve to
        // itself: checked without type information.
        files: ["examples/**/*.ts"],
        extends: [tseslint.configs.disableTypeChecked],
        rules: {
            "@typescript-eslint/restrict-plus-operands": "off",
            "@typescript-eslint/no-for-in-array": "off",
            "@typescript-eslint/no-array-delete": "off",
        },
    },
    {
        files: ["**/*.js"],
        extends: [js.configs.recommended],
        languageOptions: { sourceType: "commonjs", ecmaVersion: "latest", globals: { ...globals.node } },
        linterOptions: { reportUnusedDisableDirectives: "error" },
        rules: {
            eqeqeq: ["error", "always", { null: "ignore" }],
            "prefer-const": "error",
            "no-var": "error",
            "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
        },
    },
);
