// The target and option controls, built from the options schema (`optionFields`): an option
// added to src/options.ts appears here without a change to the page.
import { type ConvertOptions, type OptionField, optionFields } from '../browser.js';
import { el } from './findings-view.js';

/** The target: shown in the page's header, apart from the other options. */
export const TARGET_KEYS: readonly string[] = ['gatewayApi', 'channel', 'istio'];

/**
 * Options the page leaves out: `reuseGateway` is an alias of the gateway strategy (both would
 * contradict each other), and `maxFileBytes` limits reading files, which the page does not do.
 */
export const HIDDEN_KEYS: readonly string[] = ['reuseGateway', 'maxFileBytes'];

export interface Controls {
  /** Shows `options` (missing keys: their defaults). */
  set(options: ConvertOptions): void;
  /** The options that differ from their defaults. */
  get(): ConvertOptions;
}

type Value = string | number | boolean;

function inputFor(f: OptionField): HTMLInputElement | HTMLSelectElement {
  if (f.type === 'enum') {
    const select = el('select');
    if (f.default === undefined) select.append(new Option('(default)', ''));
    for (const c of f.choices ?? []) select.append(new Option(c, c));
    return select;
  }
  const input = el('input');
  input.type = f.type === 'boolean' ? 'checkbox' : f.type === 'integer' ? 'number' : 'text';
  return input;
}

function read(f: OptionField, input: HTMLInputElement | HTMLSelectElement): Value | undefined {
  if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked;
  if (input.value === '') return undefined;
  return f.type === 'integer' ? Number(input.value) : input.value;
}

function write(input: HTMLInputElement | HTMLSelectElement, value: Value | undefined): void {
  if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = !!value;
  else input.value = value === undefined ? '' : String(value);
}

/** Builds the controls into `target` and `options`; `onChange` runs after every change. */
export function buildControls(
  target: HTMLElement,
  options: HTMLElement,
  onChange: () => void,
): Controls {
  const fields = optionFields().filter((f) => !HIDDEN_KEYS.includes(f.key));
  const inputs = new Map<OptionField, HTMLInputElement | HTMLSelectElement>();
  for (const f of fields) {
    const input = inputFor(f);
    input.id = `option-${f.key}`;
    input.name = f.key;
    input.title = `${f.flag}: ${f.description}`;
    input.addEventListener('change', onChange);
    const label = el('label', undefined, `option option-${f.type}`);
    label.title = input.title;
    // A `--no-x` flag turns off an option on by default: the box (checked = on) is labelled x.
    label.append(el('span', f.flag.replace(/^--(no-)?/, '')), input);
    if (TARGET_KEYS.includes(f.key)) target.append(label);
    else options.append(label, el('small', f.description, 'description'));
    inputs.set(f, input);
  }
  return {
    set(given) {
      // The alias as the strategy it stands for (two samples' options.json use it).
      const values: ConvertOptions = given.reuseGateway
        ? { ...given, gatewayStrategy: given.gatewayStrategy ?? 'reuse' }
        : given;
      for (const [f, input] of inputs) write(input, values[f.key] ?? f.default);
    },
    get() {
      const out: Record<string, Value> = {};
      for (const [f, input] of inputs) {
        const v = read(f, input);
        if (v !== undefined && v !== f.default) out[f.key] = v;
      }
      return out;
    },
  };
}
