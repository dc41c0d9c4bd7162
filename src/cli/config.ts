// A config file: the command line's options as keys (camelCase or as spelled on the command
// line), so a repository can pin its target once. Flags given on the command line win.
//   .istio2gateway.yaml   gatewayApi: v1.4 / channel: experimental / ignore: [charts/]
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command, Option } from 'commander';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { UsageError } from './common.js';

/** Looked for in the working directory when `--config` is not given. */
export const CONFIG_FILES = ['.istio2gateway.yaml', '.istio2gateway.yml', '.istio2gateway.json'];

interface Entry {
  key: string;
  value: unknown;
  line: number;
}

const camel = (key: string) =>
  key.replace(/^-+/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function readEntries(file: string, shown: string): Entry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `config ${shown}: cannot read: ${(e as NodeJS.ErrnoException).code ?? ''}`,
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const at = lines.linePos(error.pos[0]);
    throw new UsageError(`config ${shown}:${at.line}: ${error.message.split('\n')[0]}`);
  }
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) throw new UsageError(`config ${shown}: expected a map of options`);
  const data = doc.toJS() as Record<string, unknown>;
  return doc.contents.items.map((item) => {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const pos = isScalar(item.key) && item.key.range ? item.key.range[0] : 0;
    return { key, value: data[key], line: lines.linePos(pos).line };
  });
}

/** The value a flag would have had, checked against the option's own rules. */
function valueFor(option: Option, entry: Entry, where: string): unknown {
  const { value } = entry;
  const many = option.variadic || Array.isArray(option.defaultValue);
  const takesValue = option.required || option.optional;
  if (!takesValue) {
    if (typeof value !== 'boolean') throw new UsageError(`${where}: expected true or false`);
    // `--no-color` is stored as `color`: `noColor: true` (or `no-color`) means color false.
    return option.negate && camel(entry.key) !== option.attributeName() ? !value : value;
  }
  const list = Array.isArray(value) ? value : [value];
  if (!many && Array.isArray(value)) throw new UsageError(`${where}: expected one value`);
  const strings = list.map((v) => {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new UsageError(`${where}: expected a string${many ? ' or a list of them' : ''}`);
    }
    return String(v);
  });
  const choices = option.argChoices;
  const bad = choices ? strings.find((v) => !choices.includes(v)) : undefined;
  if (bad !== undefined) {
    throw new UsageError(`${where}: ${JSON.stringify(bad)} is not one of ${choices!.join(', ')}`);
  }
  return many ? strings : strings[0];
}

/** Every option name any command knows, so a misspelt key is an error, not silence. */
function knownKeys(program: Command): Set<string> {
  const keys = new Set<string>();
  for (const cmd of [program, ...program.commands]) {
    for (const o of cmd.options) {
      keys.add(o.attributeName());
      if (o.long) keys.add(camel(o.long));
    }
  }
  return keys;
}

/** The config file to read: `--config`, else one of CONFIG_FILES in `cwd`, else none. */
export function configPath(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  return CONFIG_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
}

/**
 * Sets the options of `command` that the command line left at their defaults from the config
 * file. Keys no command knows are errors with file:line; keys for other commands are skipped.
 */
export function applyConfig(program: Command, command: Command, file: string, cwd: string): void {
  const known = knownKeys(program);
  const shown = relative(cwd, file).startsWith('..') ? file : relative(cwd, file);
  for (const entry of readEntries(file, shown)) {
    const where = `config ${shown}:${entry.line}: ${entry.key}`;
    const key = camel(entry.key);
    if (key === 'config') throw new UsageError(`${where}: a config file cannot name another`);
    if (!known.has(key)) throw new UsageError(`${where}: unknown option`);
    const option = command.options.find(
      (o) => (o.long && camel(o.long) === key) || o.attributeName() === key,
    );
    if (!option) continue;
    const name = option.attributeName();
    const source = command.getOptionValueSource(name);
    if (source !== undefined && source !== 'default') continue;
    command.setOptionValueWithSource(name, valueFor(option, entry, where), 'config');
  }
}
