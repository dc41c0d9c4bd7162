// The GitHub Action (action.yml, `runs.using: node24`): bundled with esbuild into
// action/main.mjs, so it runs this repository's own code, never a package or a file from the
// pull request it reviews. One conversion writes every output: the comment, SARIF, JSON and
// workflow-command annotations.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangedSinceError } from '../cli/changed-files.js';
import { review, type Review } from '../cli/review.js';
import { GITHUB_COMMENT_LIMIT, type SourceLinks } from '../emit/report-markdown.js';
import { upsertComment } from './comment.js';
import { type ActionInputs, InputError, readInputs } from './inputs.js';

type Log = (line: string) => void;

/**
 * The job summary takes 1 MiB per step; the report is measured in UTF-16 units, and one unit
 * is at most 3 bytes of UTF-8 (an emoji is 2 units, 4 bytes), so this many always fit.
 */
const SUMMARY_LIMIT = 340_000;

/** Runs the Action; returns the step's exit code. Never throws. */
export async function runAction(env: NodeJS.ProcessEnv, log: Log): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  let inputs: ActionInputs;
  let r: Review;
  try {
    inputs = readInputs(env, workspace);
    r = review({
      paths: inputs.paths,
      cwd: workspace,
      options: inputs.options,
      ignore: inputs.ignore,
      failOn: inputs.failOn,
      verify: inputs.verify,
      ...(inputs.changedSince ? { changedSince: inputs.changedSince } : {}),
      ...linksOf(env),
    });
  } catch (e) {
    if (!(e instanceof InputError || e instanceof ChangedSinceError)) throw e;
    log(`::error title=istio2gateway::${escapeData(e.message)}`);
    return 2;
  }
  if (inputs.unused.length) {
    log(
      `istio2gateway: config keys for the command line only, not used here: ${inputs.unused.join(', ')}`,
    );
  }
  const out = join(env.RUNNER_TEMP || workspace, 'istio2gateway');
  mkdirSync(out, { recursive: true });
  const files = writeReports(r, inputs, out);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, r.markdown(SUMMARY_LIMIT));
  if (inputs.annotations) log(r.annotations().trimEnd());
  setOutputs(env, { 'exit-code': String(r.exitCode), ...files });
  const commented = inputs.comment ? await comment(env, inputs, files.report, log) : 0;
  if (r.exitCode !== 0) {
    log(
      `::error title=istio2gateway::${
        r.exitCode === 2
          ? 'some input could not be read'
          : `findings at or above fail-on (${inputs.failOn})`
      }; see the report`,
    );
  }
  return Math.max(r.exitCode, commented);
}

function linksOf(env: NodeJS.ProcessEnv): { links?: SourceLinks } {
  const { GITHUB_SERVER_URL: serverUrl, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return serverUrl && repository && sha ? { links: { serverUrl, repository, sha } } : {};
}

interface Written {
  report: string;
  'json-file': string;
  'sarif-file'?: string;
}

function writeReports(r: Review, inputs: ActionInputs, out: string): Written {
  const report = join(out, 'report.md');
  const json = join(out, 'report.json');
  writeFileSync(report, r.markdown(GITHUB_COMMENT_LIMIT));
  writeFileSync(json, r.json());
  if (!inputs.sarif) return { report, 'json-file': json };
  const sarif = join(out, 'report.sarif');
  writeFileSync(sarif, r.sarif());
  return { report, 'json-file': json, 'sarif-file': sarif };
}

function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string>): void {
  if (!env.GITHUB_OUTPUT) return;
  const lines = Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`);
  appendFileSync(env.GITHUB_OUTPUT, lines.join(''));
}

/** Posts or updates the comment; 1 (the step fails) when that fails, with the reason shown. */
async function comment(
  env: NodeJS.ProcessEnv,
  inputs: ActionInputs,
  report: string,
  log: Log,
): Promise<number> {
  const pr = pullRequestOf(env);
  if (!pr) {
    log('istio2gateway: not a pull request; no comment posted');
    return 0;
  }
  if (pr.fork && env.GITHUB_EVENT_NAME === 'pull_request') {
    log(
      `::warning title=istio2gateway::#${pr.number} comes from a fork, whose token cannot` +
        ' comment; the report is in the job summary',
    );
    return 0;
  }
  try {
    const done = await upsertComment(readFileSync(report, 'utf8'), {
      repository: env.GITHUB_REPOSITORY ?? '',
      issueNumber: pr.number,
      token: inputs.token,
      apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    });
    log(`istio2gateway: ${done.action} comment ${done.id} on #${pr.number} as ${done.author}`);
    return 0;
  } catch (e) {
    const why = escapeData((e as Error).message);
    log(`::error title=istio2gateway::commenting on #${pr.number} failed: ${why}`);
    return 1;
  }
}

/** The pull request the workflow runs for, and whether its head is in another repository. */
function pullRequestOf(env: NodeJS.ProcessEnv): { number: number; fork: boolean } | undefined {
  if (!env.GITHUB_EVENT_PATH || !existsSync(env.GITHUB_EVENT_PATH)) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
    pull_request?: { number: number; head?: { repo?: { full_name?: string } | null } };
  };
  const pr = event.pull_request;
  if (!pr) return undefined;
  const head = pr.head?.repo?.full_name;
  return { number: pr.number, fork: head !== undefined && head !== env.GITHUB_REPOSITORY };
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The bundle's entry: GitHub runs `node action/main.mjs` with the inputs in the environment. */
export async function start(): Promise<void> {
  try {
    process.exitCode = await runAction(process.env, (l) => l && process.stdout.write(`${l}\n`));
  } catch (e) {
    const why = escapeData((e as Error).message);
    process.stdout.write(`::error title=istio2gateway::internal error: ${why}\n`);
    process.exitCode = 70;
  }
}
