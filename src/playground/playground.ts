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
import { INPUT_FILE, runPlayground, type PlaygroundRun } from './run.js';
import { decodeState, encodeState, type PlaygroundState } from './share.js';

const PROJECT = projectUrlOf(PACKAGE.repository);
const docsUrl = (id: string) => findingPageUrl(PROJECT, PACKAGE.version, id);
const TABS = ['output', 'findings', 'verify', 'diff'] as const;
/** The example shown on a first visit. */
const FIRST_EXAMPLE = 'seed-01-httpbin';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

interface Page {
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
  if (!run.write) {
    box.replaceChildren(el('p', 'convert --write would leave the input as it is.'));
    return;
  }
  const view = el('div', undefined, 'editor');
  const patch = el('details');
  patch.append(el('summary', 'Unified diff (as istio2gateway diff prints it)'));
  patch.append(el('pre', run.write.patch, 'patch'));
  box.replaceChildren(view, patch);
  diffEditor(view, run.write.before, run.write.after);
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

/** Converts now, then keeps the address bar's fragment in step (a link to this state). */
async function update(page: Page): Promise<void> {
  const s = state(page);
  render(page, runPlayground(s.input, s.options));
  history.replaceState(null, '', await encodeState(s));
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
      await update(page);
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
  const page = {} as Page;
  const run = () => void update(page).catch((e: unknown) => status(String(e), true));
  const later = debounce(run, 250);
  page.tab = 'output';
  page.controls = buildControls(byId('target'), byId('options'), run);
  page.input = inputEditor(byId('input'), '', later);
  page.output = outputEditor(byId('output'));
  for (const t of TABS) {
    byId(`show-${t}`).addEventListener('click', () => {
      showTab(page, t);
      run();
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
    },
  });
}

void start();
