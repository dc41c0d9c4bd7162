// The behaviour check: both routing models side by side (docs/verify.md).
export {
  verify,
  type Change,
  type VerifyHooks,
  type VerifyOptions,
  type VerifyResult,
} from './verify.js';
export { changedRequests, type RuleChange, type RuleChangeOptions } from './rule-changes.js';
export { classicRouter, type Router } from '../routing/classic-router.js';
export { gatewayApiRouter, type GatewayApiRouterOptions } from '../routing/gateway-api-router.js';
export { probeRequests, type ProbeOptions } from '../routing/probes.js';
export { describeOutcome, describeRequest, outcomeDifferences } from '../routing/request.js';
export type {
  Entry,
  HttpRequest,
  Outcome,
  Request,
  RouteRef,
  Source,
  StreamRequest,
  WeightedBackend,
} from '../routing/request.js';
