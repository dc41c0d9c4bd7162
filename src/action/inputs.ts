// The Action's inputs, as GitHub passes them: one environment variable per input,
// `INPUT_<NAME>` with the name upper-cased (hyphens kept).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OptionsSchema, type ResolvedOptions } from '../options.js';
import { FAIL_ON, type FailOn } from '../cli/common.js';

export interface ActionInputs {
  paths: string[];
  ignore: string[];
  options: ResolvedOptions;
  failOn: FailOn;
  verify: boolean;
  comment: boolean;
  sarif: boolean;
  annotations: boolean;
  changedSince?: string;
  token: string;
}

/** A wrong input: the step fails with this message (file and field named), no stack trace. */
export class InputError extends Error {}

export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = input(env, name).toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InputError(`input ${name}: '${v}' is not true or false`);
}

/** Paths or globs separated by spaces or new lines. */
function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return input(env, name).split(/\s+/).filter(Boolean);
}

export function readInputs(env: NodeJS.ProcessEnv, workspace: string): ActionInputs {
  const failOn = input(env, 'fail-on') || 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new InputError(`input fail-on: '${failOn}' is not one of ${FAIL_ON.join(', ')}`);
  }
  const changedSince = input(env, 'changed-since');
  return {
    paths: list(env, 'paths').length ? list(env, 'paths') : ['.'],
    ignore: list(env, 'ignore'),
    options: options(env, workspace),
    failOn: failOn as FailOn,
    verify: bool(env, 'verify', true),
    comment: bool(env, 'comment', true),
    sarif: bool(env, 'sarif', false),
    annotations: bool(env, 'annotations', true),
    ...(changedSince ? { changedSince } : {}),
    token: input(env, 'github-token'),
  };
}

/** The config file's options (JSON, the library's option names), then the inputs given. */
function options(env: NodeJS.ProcessEnv, workspace: string): ResolvedOptions {
  const file = input(env, 'config');
  let config: Record<string, unknown> = {};
  if (file) {
    try {
      const text = readFileSync(resolve(workspace, file), 'utf8');
      config = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new InputError(`config ${file}: ${(e as Error).message}`);
    }
  }
  const given = (name: string, key: string) =>
    input(env, name) ? { [key]: input(env, name) } : {};
  const parsed = OptionsSchema.safeParse({
    ...config,
    ...given('gateway-api', 'gatewayApi'),
    ...given('channel', 'channel'),
    ...given('istio', 'istio'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    const fromInput = !file || ['gatewayApi', 'channel', 'istio'].includes(where);
    throw new InputError(`${fromInput ? 'input ' : `config ${file}: `}${where}: ${issue.message}`);
  }
  return parsed.data;
}
