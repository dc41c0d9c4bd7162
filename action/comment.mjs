#!/usr/bin/env node
// Posts the istio2gateway Markdown report as one sticky pull-request comment: the first run
// creates it, every later run updates the same comment (found by the hidden marker that starts
// the report), so a pull request never collects a pile of reports.
//
//   node action/comment.mjs report.md
//
// Reads GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the pull request's number) and
// GITHUB_API_URL (default https://api.github.com), as GitHub Actions sets them. No dependencies.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Must equal MARKDOWN_MARKER in src/emit/report-markdown.ts (a test checks it). */
export const MARKER = '<!-- istio2gateway-report -->';
const LIMIT = 65_536;

export class GitHubError extends Error {
  constructor(method, url, status, text) {
    super(`${method} ${url}: HTTP ${status} ${text.slice(0, 300)}`);
    this.status = status;
  }
}

/**
 * Creates the report comment on issue/PR `issueNumber`, or updates the one a previous run made.
 * Returns { action: 'created' | 'updated', id }.
 */
export async function upsertComment({ body, repository, issueNumber, token, apiUrl = 'https://api.github.com', fetch = globalThis.fetch }) {
  if (!body.startsWith(MARKER)) body = `${MARKER}\n${body}`;
  if (body.length > LIMIT) body = `${body.slice(0, LIMIT - 200)}\n\n… (cut to fit GitHub's comment limit)\n`;
  const base = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}`;
  const call = async (method, url, payload) => {
    const res = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': 'istio2gateway-action',
        'x-github-api-version': '2022-11-28',
      },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    if (!res.ok) throw new GitHubError(method, url, res.status, await res.text());
    return res.json();
  };
  let existing;
  for (let page = 1; !existing; page++) {
    const list = await call('GET', `${base}/issues/${issueNumber}/comments?per_page=100&page=${page}`);
    // Our report starts with the marker; a reply that quotes it starts with `>`.
    existing = list.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
    if (list.length < 100) break;
  }
  if (existing) {
    await call('PATCH', `${base}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: existing.id };
  }
  const created = await call('POST', `${base}/issues/${issueNumber}/comments`, { body });
  return { action: 'created', id: created.id };
}

/** The pull request's number from the event that started the workflow, if it is about one. */
export function pullRequestNumber(env) {
  if (env.ISTIO2GATEWAY_PR_NUMBER) return Number(env.ISTIO2GATEWAY_PR_NUMBER);
  if (!env.GITHUB_EVENT_PATH || !existsSync(env.GITHUB_EVENT_PATH)) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  return event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
}

export async function main(argv, env, log = console.log) {
  const file = argv[0];
  if (!file || !existsSync(file)) {
    log(`::warning::istio2gateway: no report at ${file ?? '(none given)'}; no comment posted`);
    return 0;
  }
  const number = pullRequestNumber(env);
  if (!number) {
    log('::notice::istio2gateway: not a pull request; no comment posted');
    return 0;
  }
  if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) {
    log('::warning::istio2gateway: GITHUB_TOKEN or GITHUB_REPOSITORY is not set; no comment posted');
    return 0;
  }
  try {
    const r = await upsertComment({ body: readFileSync(file, 'utf8'), repository: env.GITHUB_REPOSITORY, issueNumber: number, token: env.GITHUB_TOKEN, apiUrl: env.GITHUB_API_URL || undefined });
    log(`istio2gateway: ${r.action} comment ${r.id} on #${number}`);
    return 0;
  } catch (e) {
    // Pull requests from forks get a read-only token: the report is still in the job summary.
    if (e instanceof GitHubError && [401, 403, 404].includes(e.status)) {
      log(`::warning::istio2gateway: cannot comment on #${number} (${e.message}); the report is in the job summary`);
      return 0;
    }
    log(`::error::istio2gateway: commenting failed: ${e.message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
