// The sticky pull-request comment: the first run creates it, every later run updates the same
// comment. "The same" means written by this token's own identity AND starting with the marker:
// anyone can post a comment that starts with the marker, and updating theirs would either fail
// (and lose the report) or, with a stronger token, overwrite a human's words.
import { MARKDOWN_MARKER } from '../emit/report-markdown.js';

/** The identity a workflow's own GITHUB_TOKEN writes as (`GET /user` is refused to it). */
export const ACTIONS_BOT = 'github-actions[bot]';

export class GitHubError extends Error {
  constructor(
    method: string,
    url: string,
    readonly status: number,
    text: string,
  ) {
    super(`${method} ${url}: HTTP ${status} ${text.slice(0, 300)}`);
  }
}

export interface CommentTarget {
  repository: string;
  issueNumber: number;
  token: string;
  apiUrl: string;
  fetch?: typeof globalThis.fetch;
}

interface Comment {
  id: number;
  body?: string;
  user?: { login?: string } | null;
}

/** Creates the report comment, or updates the one this identity made before. */
export async function upsertComment(
  body: string,
  t: CommentTarget,
): Promise<{ action: 'created' | 'updated'; id: number; author: string }> {
  const call = caller(t);
  const base = `${t.apiUrl.replace(/\/+$/, '')}/repos/${t.repository}`;
  const author = await identity(call, t.apiUrl);
  let existing: Comment | undefined;
  for (let page = 1; !existing; page++) {
    const url = `${base}/issues/${t.issueNumber}/comments?per_page=100&page=${page}`;
    const list = (await call('GET', url)) as Comment[];
    existing = list.find((c) => c.user?.login === author && c.body?.startsWith(MARKDOWN_MARKER));
    if (list.length < 100) break;
  }
  if (existing) {
    await call('PATCH', `${base}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: existing.id, author };
  }
  const url = `${base}/issues/${t.issueNumber}/comments`;
  const created = (await call('POST', url, { body })) as Comment;
  return { action: 'created', id: created.id, author };
}

type Call = (method: string, url: string, payload?: unknown) => Promise<unknown>;

function caller(t: CommentTarget): Call {
  const fetch = t.fetch ?? globalThis.fetch;
  return async (method, url, payload) => {
    const res = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${t.token}`,
        'content-type': 'application/json',
        'user-agent': 'istio2gateway-action',
        'x-github-api-version': '2022-11-28',
      },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    if (!res.ok) throw new GitHubError(method, url, res.status, await res.text());
    return (await res.json()) as unknown;
  };
}

/**
 * Who this token writes as: `GET /user` answers for a personal token; the workflow's own
 * GITHUB_TOKEN is refused it (403) and writes as github-actions[bot].
 */
async function identity(call: Call, apiUrl: string): Promise<string> {
  try {
    const me = (await call('GET', `${apiUrl.replace(/\/+$/, '')}/user`)) as { login?: string };
    if (me.login) return me.login;
  } catch (e) {
    if (!(e instanceof GitHubError) || (e.status !== 403 && e.status !== 401)) throw e;
  }
  return ACTIONS_BOT;
}
