// Findings as the page shows them: lint markers at their line in the input (message, hint and a
// link to the finding's page), the findings table, and verify's table of changed requests.
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { FINDINGS, type Finding } from '../browser.js';
import type { ChangeRow } from './run.js';

/** An element with text (never HTML: messages quote the user's input). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** The id, linked to its page docs/findings/<id>.md. */
function idLink(f: Finding, docsUrl: (id: string) => string): HTMLAnchorElement {
  const a = el('a', f.id, 'finding-id');
  a.href = docsUrl(f.id);
  a.target = '_blank';
  a.rel = 'noopener';
  a.title = FINDINGS.get(f.id)?.title ?? f.id;
  return a;
}

/** Lint markers for the findings that point into `file`, at the field they name. */
export function diagnosticsOf(
  findings: readonly Finding[],
  file: string,
  doc: Text,
  docsUrl: (id: string) => string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    if (f.source?.file !== file || !f.source.line || f.source.line > doc.lines) continue;
    const line = doc.line(f.source.line);
    const from = Math.min(line.from + Math.max((f.source.column || 1) - 1, 0), line.to);
    out.push({
      from,
      to: line.to,
      severity: f.severity,
      markClass: `finding-${f.id}`,
      message: f.hint ? `${f.message}\nHint: ${f.hint}` : f.message,
      renderMessage: () => {
        const box = el('div', undefined, 'finding-message');
        box.append(idLink(f, docsUrl), el('p', f.message));
        if (f.hint) box.append(el('p', `Hint: ${f.hint}`, 'hint'));
        return box;
      },
    });
  }
  return out;
}

function table(headers: string[]): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const t = el('table');
  const head = t.createTHead().insertRow();
  for (const h of headers) head.append(el('th', h));
  return { table: t, body: t.createTBody() };
}

/** The findings table; clicking a line number moves the input's cursor there. */
export function findingsTable(
  findings: readonly Finding[],
  docsUrl: (id: string) => string,
  goTo: (line: number) => void,
): HTMLElement {
  if (findings.length === 0) return el('p', 'No findings: the conversion changes nothing.');
  const { table: t, body } = table(['severity', 'finding', 'line', 'resource', 'message']);
  for (const f of findings) {
    const row = body.insertRow();
    row.className = `severity-${f.severity}`;
    row.insertCell().textContent = f.severity;
    row.insertCell().append(idLink(f, docsUrl));
    const where = row.insertCell();
    if (f.source?.line) {
      const b = el('button', String(f.source.line), 'line');
      b.addEventListener('click', () => goTo(f.source!.line));
      where.append(b);
    }
    const s = f.source;
    row.insertCell().textContent = s?.kind ? `${s.kind} ${s.namespace ?? ''}/${s.name ?? ''}` : '';
    const msg = row.insertCell();
    msg.append(el('div', f.message));
    if (f.hint) msg.append(el('div', `Hint: ${f.hint}`, 'hint'));
  }
  return t;
}

/** Verify's result: the requests whose outcome changes, and the finding that explains each. */
export function changesTable(
  rows: readonly ChangeRow[],
  probes: number,
  truncated: boolean,
  docsUrl: (id: string) => string,
): HTMLElement {
  const box = el('div');
  const silent = rows.filter((r) => !r.explainedBy).length;
  box.append(
    el(
      'p',
      `${probes} requests replayed through both routing models${truncated ? ' (sampled)' : ''}: ` +
        `${rows.length} change, ${rows.length - silent} explained by a finding, ${silent} silent.`,
      silent ? 'summary silent' : 'summary',
    ),
  );
  if (rows.length === 0) return box;
  const { table: t, body } = table(['request', 'before (Istio)', 'after (Gateway API)', 'finding']);
  for (const r of rows) {
    const row = body.insertRow();
    row.insertCell().append(el('code', r.request));
    row.insertCell().textContent = r.before;
    row.insertCell().textContent = r.after;
    const why = row.insertCell();
    if (r.explainedBy) why.append(idLink(r.explainedBy, docsUrl));
    else why.append(el('strong', 'none: a silent change, please report it', 'silent'));
  }
  box.append(t);
  return box;
}
