/** Types of build-playground.mjs, for the tests that build the page. */
export declare const OUTDIR: string;
export declare function examples(): {
  name: string;
  input: string;
  options: Record<string, unknown>;
}[];
export declare function options(write?: boolean): Record<string, unknown>;
export declare function bundle(): Promise<Record<string, Uint8Array>>;
