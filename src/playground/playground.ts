// The playground page: Istio YAML in, Gateway API YAML out, findings at their line, verify's
// changed requests and the `--write` diff. Everything runs here; nothing leaves the page.
import type { EditorView } from 'codemirror';
import { EXAMPLES, PACKAGE } from 'playground:data';
import { findingPageUrl, projectUrlOf } from '../browser.js';
import { buildControls, type Controls } from './controls.js';
import {
  diffEditor,
  goToLine,
  inputEditor,
  outputEditor,
  setText,
  showDiagnostics,
} from './editors.js';
import { changesTable, diagnosticsOf, el, findingsTable } from './findings-view.js';
import { INPUT_FILE, writePatch, type PlaygroundRun } from './run.js';
import { type Runner, serveRuns, startRunner } from './runner.js';
import { decodeState, encodeState, type PlaygroundState } from './share.js';

const PROJECT = projectUrlOf(PACKAGE.repository);
const docsUrl = (id: string) => findingPageUrl(PROJECT, PACKAGE.version, id);
const TABS = ['output', 'findings', 'verify', 'diff'] as const;
/** The example shown on a first visit. */
const FIRST_EXAMPLE = 'seed-01-httpbin';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** This script's address, read while it first runs: the worker runs this same file. */
const SCRIPT =
  typeof document === 'undefined'
    ? undefined
    : (document.currentScript as HTMLScriptElement | null)?.src;

interface Page {
  runner: Runner;
  /** The latest conversion asked for: an older answer arriving later is not shown. */
  asked: number;
  input: EditorView;
  output: EditorView;
  controls: Controls;
  tab: string;
  last?: PlaygroundRun;
}

function status(text: string, error = false): void {
  const s = byId('status');
  s.textContent = text;
  s.classList.toggle('error', error);
}

function summary(run: PlaygroundRun): string {
  const count = (sev: string) => run.findings.filter((f) => f.severity === sev).length;
  const silent = run.changes.filter((c) => !c.explainedBy).length;
  return (
    `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info · ` +
    `${run.changes.length} requests change${silent ? `, ${silent} silently` : ''}`
  );
}

function render(page: Page, run: PlaygroundRun): void {
  page.last = run;
  setText(page.output, run.output);
  showDiagnostics(
    page.input,
    diagnosticsOf(run.findings, INPUT_FILE, page.input.state.doc, docsUrl),
  );
  const goTo = (line: number) => goToLine(page.input, line);
  byId('tab-findings').replaceChildren(findingsTable(run.findings, docsUrl, goTo));
  byId('tab-verify').replaceChildren(changesTable(run.changes, run.probes, run.truncated, docsUrl));
  byId('count-findings').textContent = String(run.findings.length);
  byId('count-verify').textContent = String(run.changes.length);
  renderDiff(run);
  if (run.error) status(run.error, true);
  else status(summary(run));
}

function renderDiff(run: PlaygroundRun): void {
  const box = byId('tab-diff');
  const write = run.write;
  if (!write) {
    box.replaceChildren(el('p', 'convert --write would leave the input as it is.'));
    return;
  }
  const view = el('div', undefined, 'editor');
  const patch = el('details');
  const text = el('pre', undefined, 'patch');
  patch.append(el('summary', 'Unified diff (as istio2gateway diff prints it)'), text);
  patch.addEventListener('toggle', () => {
    if (patch.open && !text.textContent) text.textContent = writePatch(write);
  });
  box.replaceChildren(view, patch);
  diffEditor(view, write.before, write.after);
}

function showTab(page: Page, tab: string): void {
  page.tab = (TABS as readonly string[]).includes(tab) ? tab : 'output';
  for (const t of TABS) {
    byId(`tab-${t}`).hidden = t !== page.tab;
    byId(`show-${t}`).setAttribute('aria-selected', String(t === page.tab));
  }
}

function state(page: Page): PlaygroundState {
  return { input: page.input.state.doc.toString(), options: page.controls.get(), tab: page.tab };
}

/** Keeps the address bar's fragment in step with the page: it is a link to this state. */
async function remember(page: Page): Promise<void> {
  history.replaceState(null, '', await encodeState(state(page)));
}

/** Converts the input with the options on show, then shows the result. */
async function update(page: Page): Promise<void> {
  const s = state(page);
  const asked = ++page.asked;
  const slow = setTimeout(() => status('Converting…'), 150);
  const run = await page.runner(s.input, s.options);
  clearTimeout(slow);
  if (asked !== page.asked) return;
  render(page, run);
  await remember(page);
}

function debounce(f: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(f, ms);
  };
}

function load(page: Page, s: PlaygroundState): void {
  page.controls.set(s.options);
  setText(page.input, s.input);
  showTab(page, s.tab ?? page.tab);
}

function examplesMenu(page: Page, run: () => void): void {
  const menu = byId<HTMLSelectElement>('example');
  menu.append(new Option('Examples…', ''));
  for (const e of EXAMPLES) menu.append(new Option(e.name, e.name));
  menu.addEventListener('change', () => {
    const e = EXAMPLES.find((x) => x.name === menu.value);
    if (!e) return;
    load(page, { input: e.input, options: e.options });
    run();
  });
}

function shareButton(page: Page): void {
  const button = byId<HTMLButtonElement>('share');
  button.addEventListener('click', () => {
    void (async () => {
      await remember(page);
      try {
        await navigator.clipboard.writeText(location.href);
        status('Link copied: it holds the input and options; nothing was uploaded.');
      } catch {
        status('Copy the address bar: it holds the input and options.');
      }
    })();
  });
}

async function start(): Promise<void> {
  const page = { runner: startRunner(SCRIPT), asked: 0 } as Page;
  const run = () => void update(page).catch((e: unknown) => status(String(e), true));
  const later = debounce(run, 250);
  page.tab = 'output';
  page.controls = buildControls(byId('target'), byId('options'), run);
  page.input = inputEditor(byId('input'), '', later);
  page.output = outputEditor(byId('output'));
  for (const t of TABS) {
    byId(`show-${t}`).addEventListener('click', () => {
      showTab(page, t);
      void remember(page);
    });
  }
  examplesMenu(page, run);
  shareButton(page);
  let restored: PlaygroundState | undefined;
  try {
    restored = await decodeState(location.hash);
  } catch (e) {
    status((e as Error).message, true);
  }
  const first = EXAMPLES.find((e) => e.name === FIRST_EXAMPLE) ?? EXAMPLES[0];
  load(page, restored ?? { input: first?.input ?? '', options: {} });
  run();
  document.body.dataset.ready = 'true';
  // For tests and scripts: the editors' text, which CodeMirror only partly renders.
  Object.assign(window, {
    i2gPlayground: {
      input: () => page.input.state.doc.toString(),
      output: () => page.output.state.doc.toString(),
      run: () => page.last,
      runsIn: () => page.runner.where(),
    },
  });
}

// The same script is the page and its worker.
if (typeof document === 'undefined') serveRuns(globalThis);
else void start();
