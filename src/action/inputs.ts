// The Action's inputs, as GitHub passes them: one environment variable per input,
// `INPUT_<NAME>` with the name upper-cased (hyphens kept).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_FILES } from '../cli/config.js';
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
  /** Config keys only the command line uses, named so nothing is ignored silently. */
  unused: string[];
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
  const config = readConfig(env, workspace);
  const failOn = input(env, 'fail-on') || config.failOn || 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new InputError(`input fail-on: '${failOn}' is not one of ${FAIL_ON.join(', ')}`);
  }
  const changedSince = input(env, 'changed-since');
  return {
    paths: list(env, 'paths').length ? list(env, 'paths') : ['.'],
    ignore: [...config.ignore, ...list(env, 'ignore')],
    options: options(env, config),
    failOn: failOn as FailOn,
    verify: bool(env, 'verify', true),
    comment: bool(env, 'comment', true),
    sarif: bool(env, 'sarif', false),
    annotations: bool(env, 'annotations', true),
    ...(changedSince ? { changedSince } : {}),
    token: input(env, 'github-token'),
    unused: config.unused,
  };
}

interface Config {
  file?: string;
  options: Record<string, unknown>;
  ignore: string[];
  failOn?: string;
  /** Keys only the command line uses (`color`, `quiet`, …). */
  unused: string[];
}

const camel = (key: string) =>
  key.replace(/^-+/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The repository's config file, as the command line reads it (src/cli/config.ts): the `config`
 * input, else `.istio2gateway.yaml` (or .yml, .json) at the workspace root when present.
 */
function readConfig(env: NodeJS.ProcessEnv, workspace: string): Config {
  const named = input(env, 'config');
  const file = named || CONFIG_FILES.find((f) => existsSync(join(workspace, f)));
  const none: Config = { options: {}, ignore: [], unused: [] };
  if (!file) return none;
  let data: unknown;
  try {
    data = parse(readFileSync(resolve(workspace, file), 'utf8'));
  } catch (e) {
    throw new InputError(`config ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return { ...none, file };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`config ${file}: expected a map of options`);
  }
  const config: Config = { ...none, file };
  const known = new Set(Object.keys(OptionsSchema.shape));
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const k = camel(key);
    if (k === 'ignore') config.ignore = (Array.isArray(value) ? value : [value]).map(String);
    else if (k === 'failOn') config.failOn = String(value);
    else if (k === 'maxFileBytes') config.options[k] = Number(value);
    else if (known.has(k)) config.options[k] = value;
    else config.unused.push(key);
  }
  return config;
}

/** The config file's conversion options, then the inputs given. */
function options(env: NodeJS.ProcessEnv, config: Config): ResolvedOptions {
  const given = (name: string, key: string) =>
    input(env, name) ? { [key]: input(env, name) } : {};
  const parsed = OptionsSchema.safeParse({
    ...config.options,
    ...given('gateway-api', 'gatewayApi'),
    ...given('channel', 'channel'),
    ...given('istio', 'istio'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    const fromInput = !config.file || input(env, kebab(where)) !== '';
    throw new InputError(
      `${fromInput ? 'input ' : `config ${config.file}: `}${where}: ${issue.message}`,
    );
  }
  return parsed.data;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
