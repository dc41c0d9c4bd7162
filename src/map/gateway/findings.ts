import type { FindingMeta } from '../../findings/finding.js';

/**
 * Findings of the Gateway mapper (Istio Gateway → Gateway API Gateway). One entry per id;
 * docs/findings/<id>.md explains each with a before/after example.
 */
export const GATEWAY_FINDINGS: readonly FindingMeta[] = [
  {
    id: 'gateway-provisioned',
    severity: 'info',
    title:
      'A new gateway deployment is provisioned for the Gateway; label-selected policies do not follow',
  },
  {
    id: 'gateway-service-assumed',
    severity: 'info',
    title: 'The gateway workload Service was assumed from the well-known Istio defaults',
  },
  {
    id: 'gateway-selector-unresolved',
    severity: 'warning',
    title: 'The Istio Gateway selector matches no known gateway Service',
  },
  {
    id: 'gateway-listener-port-changed',
    severity: 'warning',
    title:
      'A server port was a gateway pod port: the listener takes the Service port clients connect to',
  },
  {
    id: 'gateway-client-port-dropped',
    severity: 'error',
    title:
      'Several Service ports reached one gateway pod port: the listener takes one, the clients of the others lose the server',
  },
  {
    id: 'gateway-listener-ports',
    severity: 'info',
    title:
      'Listener ports are the gateway Service ports clients connect to, as the servers wrote them',
  },
  {
    id: 'gateway-port-not-exposed',
    severity: 'warning',
    title: 'A server port is not exposed by the gateway Service; the new Gateway exposes it',
  },
  {
    id: 'gateway-port-not-in-service',
    severity: 'error',
    title: 'A listener port is not a port of the reused gateway Service',
  },
  {
    id: 'gateway-protocol-unsupported',
    severity: 'error',
    title: 'A server protocol has no Gateway API listener protocol',
  },
  {
    id: 'gateway-protocol-normalized',
    severity: 'info',
    title: 'A server protocol became the closest Gateway API listener protocol',
  },
  {
    id: 'gateway-hostname-invalid',
    severity: 'warning',
    title: 'A server host is not a valid Gateway API listener hostname',
  },
  {
    id: 'gateway-tcp-hostname-dropped',
    severity: 'info',
    title: 'A TCP listener takes no hostname; the server host only scoped routes',
  },
  {
    id: 'gateway-listener-duplicate',
    severity: 'warning',
    title: 'Two servers give the same listener (port, protocol, hostname) with different settings',
  },
  {
    id: 'gateway-listener-limit',
    severity: 'error',
    title: 'The Gateway would need more than 64 listeners',
  },
  {
    id: 'gateway-no-listeners',
    severity: 'error',
    title: 'No server of the Istio Gateway could become a listener',
  },
  {
    id: 'gateway-server-field-dropped',
    severity: 'warning',
    title: 'A server setting has no Gateway API equivalent and was dropped',
  },
  {
    id: 'gateway-field-no-effect',
    severity: 'info',
    title: 'A setting that had no effect under Istio was dropped',
  },
  {
    id: 'gateway-tls-credential-missing',
    severity: 'error',
    title: 'A TLS-terminating server has no credentialName: no listener was written',
  },
  {
    id: 'gateway-tls-file-certificates',
    severity: 'error',
    title: 'File-mounted certificates cannot be referenced by a Gateway API listener',
  },
  {
    id: 'gateway-tls-too-many-certificates',
    severity: 'error',
    title: 'Istio serves at most two certificates per Gateway API listener',
  },
  {
    id: 'gateway-tls-termination-not-https',
    severity: 'error',
    title: 'TLS termination on a TCP/TLS server cannot be written as a Gateway API listener',
  },
  {
    id: 'gateway-tls-mode-unavailable',
    severity: 'error',
    title: 'The TLS mode needs a newer Istio than the target',
  },
  {
    id: 'gateway-tls-setting-dropped',
    severity: 'warning',
    title: 'A TLS setting has no listener equivalent on the target: Istio defaults apply',
  },
  {
    id: 'gateway-client-validation-dropped',
    severity: 'error',
    title: 'A client-certificate check has no Gateway API equivalent and was dropped',
  },
  {
    id: 'gateway-auto-passthrough',
    severity: 'warning',
    title: 'AUTO_PASSTHROUGH needs a gateway running in SNI-DNAT router mode',
  },
  {
    id: 'gateway-frontend-validation',
    severity: 'info',
    title: 'Client-certificate validation was written as portable spec.tls.frontend',
  },
  {
    id: 'gateway-frontend-validation-not-used',
    severity: 'info',
    title: 'spec.tls.frontend cannot express this Gateway: the Istio TLS option is used instead',
  },
  {
    id: 'gateway-shared-workload-split',
    severity: 'warning',
    title: 'Istio Gateways that shared one set of pods get separate deployments and addresses',
  },
  {
    id: 'gateway-merged',
    severity: 'info',
    title: 'Istio Gateways that shared one set of pods became one Gateway',
  },
  {
    id: 'gateway-merge-conflict',
    severity: 'error',
    title:
      'Two Istio Gateways on the same pods give one port and hostname different protocols or TLS',
  },
  {
    id: 'gateway-routes-least-privilege',
    severity: 'warning',
    title: 'A listener that admitted every namespace admits only those whose routes attach',
  },
];
