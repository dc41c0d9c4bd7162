// optionFields(): the options schema as plain data, the list the playground builds its form from.
import { describe, expect, it } from 'vitest';
import { OptionsSchema, optionFields } from '../src/options.js';
import { runCli } from './helpers/cli.js';

describe('optionFields', () => {
  const fields = optionFields();

  it('lists every option of the schema, in its order, each with a description', () => {
    expect(fields.map((f) => f.key)).toEqual(Object.keys(OptionsSchema.shape));
    for (const f of fields) expect(f.description, f.key).toMatch(/^\S.{10,}\.$/);
  });

  it('gives types, choices and defaults as the schema has them', () => {
    const byKey = new Map(fields.map((f) => [f.key, f]));
    expect(byKey.get('gatewayApi')).toMatchObject({
      flag: '--gateway-api',
      type: 'enum',
      choices: ['v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6'],
      default: 'v1.6',
    });
    expect(byKey.get('strictPrefix')).toMatchObject({ type: 'boolean', default: false });
    expect(byKey.get('maxFileBytes')).toMatchObject({ type: 'integer', default: 16777216 });
    // Its default depends on reuseGateway: none is given.
    expect(byKey.get('gatewayStrategy')).not.toHaveProperty('default');
  });

  it("names each option by the CLI's own flag", async () => {
    const help = (await runCli(['convert', '--help'])).stdout;
    for (const f of fields) expect(help, f.flag).toContain(`${f.flag} `);
  });
});
