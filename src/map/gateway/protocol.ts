// Istio server protocols → Gateway API listener protocols. Istio parses protocols
// case-insensitively (pkg/config/protocol.Parse) and treats HTTP, HTTP2, GRPC, GRPC-WEB and
// HTTP_PROXY as plaintext HTTP servers whatever their `tls` says (pkg/config/gateway
// IsHTTPServer/IsTLSServer); HTTPS, TLS, TCP, MONGO, MYSQL and REDIS are TCP-based.

export type IstioProtocolFamily = 'http' | 'https' | 'tls' | 'tcp';

export interface ParsedProtocol {
  family: IstioProtocolFamily;
  /** The protocol as Istio names it (upper case), for messages. */
  name: string;
  /** Set when the listener protocol loses a protocol-specific behaviour of Istio (message text). */
  normalizedNote?: string;
}

const FAMILIES: Record<string, ParsedProtocol> = {
  HTTP: { family: 'http', name: 'HTTP' },
  HTTP2: {
    family: 'http',
    name: 'HTTP2',
    normalizedNote: 'HTTP2 becomes an HTTP listener, which Istio serves as HTTP/1.1 and h2c alike',
  },
  GRPC: {
    family: 'http',
    name: 'GRPC',
    normalizedNote: 'GRPC becomes an HTTP listener, which Istio serves as HTTP/1.1 and h2c alike',
  },
  'GRPC-WEB': {
    family: 'http',
    name: 'GRPC-WEB',
    normalizedNote:
      'GRPC-WEB becomes an HTTP listener; gRPC-Web requests are still served by Istio',
  },
  HTTP_PROXY: {
    family: 'http',
    name: 'HTTP_PROXY',
    normalizedNote: 'HTTP_PROXY becomes a plain HTTP listener',
  },
  HTTPS: { family: 'https', name: 'HTTPS' },
  TLS: { family: 'tls', name: 'TLS' },
  TCP: { family: 'tcp', name: 'TCP' },
  MONGO: {
    family: 'tcp',
    name: 'MONGO',
    normalizedNote:
      'MONGO becomes a TCP listener: the Mongo protocol filter (stats) is not configured',
  },
  MYSQL: {
    family: 'tcp',
    name: 'MYSQL',
    normalizedNote:
      'MYSQL becomes a TCP listener: the MySQL protocol filter (stats) is not configured',
  },
  REDIS: {
    family: 'tcp',
    name: 'REDIS',
    normalizedNote: 'REDIS becomes a TCP listener: the Redis protocol filter is not configured',
  },
};

/** Undefined for protocols with no listener equivalent (UDP, HBONE, unknown names). */
export function parseServerProtocol(protocol: string): ParsedProtocol | undefined {
  return FAMILIES[protocol.toUpperCase()];
}
