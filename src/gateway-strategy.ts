// The gateway strategies (docs/gateway-strategy.md), apart from the options schema so the CLI can
// list them without loading zod.

/**
 * How Istio Gateways become Gateway API Gateways. `per-gateway`: one provisioned Gateway each;
 * `per-workload`: one provisioned Gateway per set of Istio Gateways that select the same pods;
 * `reuse`: each bound to the existing gateway Service.
 */
export const GATEWAY_STRATEGIES = ['per-gateway', 'per-workload', 'reuse'] as const;
export type GatewayStrategy = (typeof GATEWAY_STRATEGIES)[number];
/** Chosen from the corpus (docs/gateway-strategy.md): it only changes inputs whose Gateways share pods. */
export const DEFAULT_GATEWAY_STRATEGY: GatewayStrategy = 'per-workload';
