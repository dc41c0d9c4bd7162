import { z } from 'zod';
import { DEFAULT_GATEWAY_STRATEGY, GATEWAY_STRATEGIES, type GatewayStrategy } from './gateway-strategy.js';
import { CHANNELS, DEFAULT_TARGET, GATEWAY_API_RELEASES, ISTIO_VERSIONS, targetOf } from './target.js';

export { DEFAULT_GATEWAY_STRATEGY, GATEWAY_STRATEGIES, type GatewayStrategy } from './gateway-strategy.js';

const BaseOptions = z.strictObject({
  /** Namespace of resources that have none (as kubectl's `-n`). */
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a valid namespace name').max(63).default('default'),
  gatewayApi: z.enum(GATEWAY_API_RELEASES).default(DEFAULT_TARGET.gatewayApi),
  channel: z.enum(CHANNELS).default(DEFAULT_TARGET.channel),
  istio: z.enum(ISTIO_VERSIONS).default(DEFAULT_TARGET.istio),
  /** `gatewayClassName` of generated Gateways. */
  gatewayClass: z.string().min(1).default('istio'),
  /** Emit the exact RegularExpression for string prefixes instead of PathPrefix + finding. */
  strictPrefix: z.boolean().default(false),
  /** See GATEWAY_STRATEGIES; default DEFAULT_GATEWAY_STRATEGY (or `reuse` with `reuseGateway`). */
  gatewayStrategy: z.enum(GATEWAY_STRATEGIES).optional(),
  /** Alias of `gatewayStrategy: 'reuse'`; resolved options keep it equal to that. */
  reuseGateway: z.boolean().default(false),
  /** Write client-certificate validation as portable `spec.tls.frontend` where the target has it. */
  frontendValidation: z.boolean().default(false),
  /** `create`: a Service per (Service, subset) a route uses; `none`: only report each subset reference. */
  subsetServices: z.enum(['create', 'none']).default('create'),
  /** Write simple TLS origination (DestinationRule tls SIMPLE) as BackendTLSPolicy where the target has it. */
  backendTlsPolicy: z.boolean().default(false),
  /** `ambient`: also write waypoints and waypoint policies for Istio's ambient mode (docs/ambient.md). */
  mesh: z.enum(['sidecar', 'ambient']).default('sidecar'),
  /** Listeners that admitted every namespace admit only the namespaces whose routes attach. */
  leastPrivilegeRoutes: z.boolean().default(false),
  /** Largest input file read, in bytes. */
  maxFileBytes: z.number().int().positive().default(16 * 1024 * 1024),
});

/**
 * Every option of a conversion, with its default. The CLI flags map one to one. `shape` lists
 * the option keys, as on a plain object schema.
 */
export const OptionsSchema = Object.assign(BaseOptions.superRefine((o, ctx) => {
  if (o.reuseGateway && o.gatewayStrategy !== undefined && o.gatewayStrategy !== 'reuse') {
    ctx.addIssue({ code: 'custom', path: ['reuseGateway'], message: `is an alias of gatewayStrategy 'reuse' and contradicts '${o.gatewayStrategy}'` });
  }
}).transform((o) => {
  const gatewayStrategy: GatewayStrategy = o.gatewayStrategy ?? (o.reuseGateway ? 'reuse' : DEFAULT_GATEWAY_STRATEGY);
  return { ...o, gatewayStrategy, reuseGateway: gatewayStrategy === 'reuse' };
}), { shape: BaseOptions.shape });

export type ConvertOptions = z.input<typeof OptionsSchema>;
export type ResolvedOptions = z.output<typeof OptionsSchema>;

export { targetOf };
