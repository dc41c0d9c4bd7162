import { z } from 'zod';
import {
  DEFAULT_GATEWAY_STRATEGY,
  GATEWAY_STRATEGIES,
  type GatewayStrategy,
} from './gateway-strategy.js';
import {
  type Channel,
  CHANNELS,
  DEFAULT_TARGET,
  GATEWAY_API_RELEASES,
  type GatewayApiRelease,
  ISTIO_VERSIONS,
  type IstioVersion,
  targetOf,
} from './target.js';

export {
  DEFAULT_GATEWAY_STRATEGY,
  GATEWAY_STRATEGIES,
  type GatewayStrategy,
} from './gateway-strategy.js';

// Each description is what the playground shows beside the option (`optionFields`).
const BaseOptions = z.strictObject({
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a valid namespace name')
    .max(63)
    .default('default')
    .describe("Namespace of resources that have none (as kubectl's -n)."),
  gatewayApi: z
    .enum(GATEWAY_API_RELEASES)
    .default(DEFAULT_TARGET.gatewayApi)
    .describe('Gateway API release of the cluster.'),
  channel: z
    .enum(CHANNELS)
    .default(DEFAULT_TARGET.channel)
    .describe('Gateway API release channel.'),
  istio: z
    .enum(ISTIO_VERSIONS)
    .default(DEFAULT_TARGET.istio)
    .describe('Istio version of the cluster.'),
  gatewayClass: z
    .string()
    .min(1)
    .default('istio')
    .describe('gatewayClassName of generated Gateways.'),
  strictPrefix: z
    .boolean()
    .default(false)
    .describe('Emit the exact RegularExpression for string prefixes instead of PathPrefix.'),
  /** See GATEWAY_STRATEGIES; default DEFAULT_GATEWAY_STRATEGY (or `reuse` with `reuseGateway`). */
  gatewayStrategy: z
    .enum(GATEWAY_STRATEGIES)
    .optional()
    .describe(
      'One Gateway per Istio Gateway, per set sharing pods, or bound to the existing gateway ' +
        'Service (default per-workload; docs/gateway-strategy.md).',
    ),
  /** Resolved options keep it equal to `gatewayStrategy === 'reuse'`. */
  reuseGateway: z.boolean().default(false).describe("Alias of gatewayStrategy 'reuse'."),
  frontendValidation: z
    .boolean()
    .default(false)
    .describe('Write client-certificate validation as spec.tls.frontend where the target has it.'),
  subsetServices: z
    .enum(['create', 'none'])
    .default('create')
    .describe('create: a Service per (Service, subset) a route uses; none: only report each.'),
  backendTlsPolicy: z
    .boolean()
    .default(false)
    .describe(
      'Write simple TLS origination (DestinationRule tls SIMPLE) as BackendTLSPolicy where the ' +
        'target has it.',
    ),
  mesh: z
    .enum(['sidecar', 'ambient'])
    .default('sidecar')
    .describe('Data plane of the mesh: ambient adds waypoints and their policies.'),
  leastPrivilegeRoutes: z
    .boolean()
    .default(false)
    .describe(
      'Listeners that admitted every namespace admit only the namespaces whose routes attach.',
    ),
  residualVirtualServices: z
    .boolean()
    .default(true)
    .describe(
      'Keep mesh rules Gateway API cannot express (tls/tcp routes, fault injection, ' +
        'directResponse) in a <name>-residual VirtualService (docs/migration-guide.md).',
    ),
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024)
    .describe('Largest input file read, in bytes.'),
});

/**
 * Every option of a conversion, with its default. The CLI flags map one to one. `shape` lists
 * the option keys, as on a plain object schema.
 */
export const OptionsSchema = Object.assign(
  BaseOptions.superRefine((o, ctx) => {
    if (o.reuseGateway && o.gatewayStrategy !== undefined && o.gatewayStrategy !== 'reuse') {
      ctx.addIssue({
        code: 'custom',
        path: ['reuseGateway'],
        message: `is an alias of gatewayStrategy 'reuse' and contradicts '${o.gatewayStrategy}'`,
      });
    }
  }).transform((o) => {
    const gatewayStrategy: GatewayStrategy =
      o.gatewayStrategy ?? (o.reuseGateway ? 'reuse' : DEFAULT_GATEWAY_STRATEGY);
    return { ...o, gatewayStrategy, reuseGateway: gatewayStrategy === 'reuse' };
  }),
  { shape: BaseOptions.shape },
);

/**
 * The options of a conversion, all optional; written out (not inferred from the schema) so the
 * public types name no zod type. The check below keeps it equal to what the schema accepts.
 */
export interface ConvertOptions {
  /** Namespace assumed for resources that have none (as kubectl's `-n`); default `default`. */
  namespace?: string;
  /** Gateway API release of the cluster; default `v1.6`. */
  gatewayApi?: GatewayApiRelease;
  /** Its release channel; default `standard`. */
  channel?: Channel;
  /** Istio version of the cluster; default `1.31`. */
  istio?: IstioVersion;
  /** `gatewayClassName` of generated Gateways; default `istio`. */
  gatewayClass?: string;
  /** Emit the exact RegularExpression for string prefixes instead of PathPrefix + finding. */
  strictPrefix?: boolean;
  /** How Istio Gateways become Gateway API Gateways; see docs/gateway-strategy.md. */
  gatewayStrategy?: GatewayStrategy | undefined;
  /** Alias of `gatewayStrategy: 'reuse'`. */
  reuseGateway?: boolean;
  /** Write client-certificate validation as portable `spec.tls.frontend` where the target has it. */
  frontendValidation?: boolean;
  /** `create`: a Service per (Service, subset) a route uses; `none`: only report each use. */
  subsetServices?: 'create' | 'none';
  /** Write simple TLS origination (DestinationRule tls SIMPLE) as BackendTLSPolicy. */
  backendTlsPolicy?: boolean;
  /** Listeners that admitted every namespace admit only the namespaces whose routes attach. */
  leastPrivilegeRoutes?: boolean;
  /** The data plane of the mesh: `sidecar` (default) or `ambient` (docs/ambient.md). */
  mesh?: 'sidecar' | 'ambient';
  /**
   * Rules Istio keeps applying beside Gateway API (mesh `tls`/`tcp` routes, mesh fault injection
   * and `directResponse`) stay in a `<name>-residual` VirtualService; default true.
   */
  residualVirtualServices?: boolean;
  /** Largest input file read, in bytes; default 16 MiB. */
  maxFileBytes?: number;
}

type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Fails to compile when ConvertOptions and the schema's input drift apart. */
const SCHEMA_MATCHES: Same<ConvertOptions, z.input<typeof OptionsSchema>> = true;
void SCHEMA_MATCHES;
/** The options with every default filled in, as a conversion sees them. */
export type ResolvedOptions = {
  [K in keyof ConvertOptions]-?: Exclude<ConvertOptions[K], undefined>;
};
/** Fails to compile when ResolvedOptions and the schema's output drift apart. */
const RESOLVED_MATCHES: Same<ResolvedOptions, z.output<typeof OptionsSchema>> = true;
void RESOLVED_MATCHES;

export { targetOf };

/** One option as plain data, for a form that lists every option (the playground). */
export interface OptionField {
  key: keyof ConvertOptions;
  /** The command line's flag for it. */
  flag: string;
  type: 'boolean' | 'string' | 'integer' | 'enum';
  /** For `enum`: the values allowed, in the schema's order. */
  choices?: string[];
  /** Absent when the default depends on other options (gatewayStrategy). */
  default?: string | number | boolean;
  description: string;
}

interface JsonSchemaProperty {
  type?: string;
  enum?: string[];
  default?: string | number | boolean;
  description?: string;
}

/**
 * Every option of `OptionsSchema`, in its order, read from the schema itself: an option added
 * there appears in every form built from this list.
 */
export function optionFields(): OptionField[] {
  const json = z.toJSONSchema(BaseOptions, { io: 'input' }) as {
    properties: Record<string, JsonSchemaProperty>;
  };
  return Object.entries(json.properties).map(([key, p]) => {
    const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const field: OptionField = {
      key: key as keyof ConvertOptions,
      // An option on by default is turned off on the command line: `--no-<name>`.
      flag: p.type === 'boolean' && p.default === true ? `--no-${kebab}` : `--${kebab}`,
      type: p.enum ? 'enum' : (p.type as OptionField['type']),
      description: p.description ?? '',
    };
    if (p.enum) field.choices = [...p.enum];
    if (p.default !== undefined) field.default = p.default;
    return field;
  });
}
