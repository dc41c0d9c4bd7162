// esbuild's entry point for action/main.mjs.
import { start } from './main.js';

await start();
