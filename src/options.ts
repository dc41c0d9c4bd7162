import { z } from 'zod';
import { CHANNELS, DEFAULT_TARGET, GATEWAY_API_RELEASES, ISTIO_VERSIONS, targetOf } from './target.js';

/** Every option of a conversion, with its default. The CLI flags map one to one. */
export const OptionsSchema = z.strictObject({
  /** Namespace of resources that have none (as kubectl's `-n`). */
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a valid namespace name').max(63).default('default'),
  gatewayApi: z.enum(GATEWAY_API_RELEASES).default(DEFAULT_TARGET.gatewayApi),
  channel: z.enum(CHANNELS).default(DEFAULT_TARGET.channel),
  istio: z.enum(ISTIO_VERSIONS).default(DEFAULT_TARGET.istio),
  /** `gatewayClassName` of generated Gateways. */
  gatewayClass: z.string().min(1).default('istio'),
  /** Emit the exact RegularExpression for string prefixes instead of PathPrefix + finding. */
  strictPrefix: z.boolean().default(false),
  /** Bind Gateways to the existing ingress Service (addresses) instead of provisioning new ones. */
  reuseGateway: z.boolean().default(false),
  /** Write client-certificate validation as portable `spec.tls.frontend` where the target has it. */
  frontendValidation: z.boolean().default(false),
  /** `create`: a Service per (Service, subset) a route uses; `none`: only report each subset reference. */
  subsetServices: z.enum(['create', 'none']).default('create'),
  /** Write simple TLS origination (DestinationRule tls SIMPLE) as BackendTLSPolicy where the target has it. */
  backendTlsPolicy: z.boolean().default(false),
  /** Largest input file read, in bytes. */
  maxFileBytes: z.number().int().positive().default(16 * 1024 * 1024),
});

export type ConvertOptions = z.input<typeof OptionsSchema>;
export type ResolvedOptions = z.output<typeof OptionsSchema>;

export { targetOf };
