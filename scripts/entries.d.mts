/** Types of `entries.mjs` for the tests: each command's name and the TypeScript file it runs. */
export declare const ENTRIES: Record<string, string>;
