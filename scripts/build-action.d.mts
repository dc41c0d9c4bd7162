/** Types of build-action.mjs, for the test that checks the committed bundle. */
export declare const OUTFILE: string;
export declare const OPTIONS: Record<string, unknown>;
export declare function bundle(): Promise<string>;
