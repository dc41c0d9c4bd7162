// Where conversions run: in a worker started from this same script, so the page stays
// responsive while a large input converts (220 KB of YAML takes about 3 s); in the page itself
// where no worker can start (Chromium refuses them to a page opened from file://).
import type { ConvertOptions } from '../browser.js';
import { runPlayground, type PlaygroundRun } from './run.js';

interface Ask {
  id: number;
  input: string;
  options: ConvertOptions;
}

interface Answer {
  id: number;
  run: PlaygroundRun;
}

/** The part of a worker's global scope used here (the DOM's types do not describe it). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (e: MessageEvent<Ask>) => void): void;
  postMessage(answer: Answer): void;
}

export interface Runner {
  (input: string, options: ConvertOptions): Promise<PlaygroundRun>;
  /** Where conversions run now. */
  where(): 'worker' | 'page';
}

/** In the worker: answers every request with its run. */
export function serveRuns(scope: WorkerScope): void {
  scope.addEventListener('message', (e) => {
    scope.postMessage({ id: e.data.id, run: runPlayground(e.data.input, e.data.options) });
  });
}

const inPage: Runner = Object.assign(
  (input: string, options: ConvertOptions) => Promise.resolve(runPlayground(input, options)),
  { where: () => 'page' as const },
);

/** Runs on a worker of `script` (this page's own script), or in the page where none starts. */
export function startRunner(script: string | undefined): Runner {
  if (!script || typeof Worker === 'undefined') return inPage;
  let worker: Worker;
  try {
    worker = new Worker(script);
  } catch {
    return inPage;
  }
  let failed = false;
  let next = 0;
  const waiting = new Map<number, { ask: Ask; done: (run: PlaygroundRun) => void }>();
  worker.addEventListener('message', (e: MessageEvent<Answer>) => {
    waiting.get(e.data.id)?.done(e.data.run);
    waiting.delete(e.data.id);
  });
  // A worker that could not load (or broke) hands what it was asked back to the page.
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    failed = true;
    worker.terminate();
    for (const { ask, done } of waiting.values()) done(runPlayground(ask.input, ask.options));
    waiting.clear();
  });
  const run = (input: string, options: ConvertOptions): Promise<PlaygroundRun> => {
    if (failed) return inPage(input, options);
    const ask = { id: ++next, input, options };
    return new Promise((done) => {
      waiting.set(ask.id, { ask, done });
      worker.postMessage(ask);
    });
  };
  return Object.assign(run, { where: () => (failed ? 'page' : 'worker') });
}
