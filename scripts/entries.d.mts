/** Types of `entries.mjs` for the tests: each command's name and the TypeScript file it runs. */
export declare const ENTRIES: Record<string, string>;
/** Types of `entries.mjs`: each worker thread's bundle name and its TypeScript file. */
export declare const WORKERS: Record<string, string>;
/** Types of `entries.mjs`: V8's old-generation cap (MB) of `npm start` on PostgreSQL. */
export declare const POSTGRES_OLD_SPACE_MB: number;
