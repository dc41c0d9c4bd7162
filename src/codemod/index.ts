// `istio2gateway/codemod`: rewrites Istio resources written in TypeScript. Its own entry point,
// because it loads the TypeScript compiler (ts-morph, an optional peer dependency).
export { codemod } from './codemod.js';
export type { CodemodChange, CodemodOptions, CodemodResource, CodemodResult } from './codemod.js';
export { codemodPaths, findSources, writeChanges } from './paths.js';
export type { CodemodPathsOptions } from './paths.js';
