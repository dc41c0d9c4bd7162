// Generates a realistic, deterministic Istio repository for the benchmark:
// namespaces, Gateways (HTTP, HTTPS with certificates, TLS passthrough), VirtualServices mixing
// every supported feature, DestinationRules with subsets, ServiceEntries and the Services they use.
// Usage: node bench/generate.mjs <out-dir> [virtualServices]   (--help for more)
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** mulberry32: a tiny seeded PRNG, so the same size always gives the same bytes. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marks a folder as this generator's, so a rerun may empty it and nothing else. */
const MARK = '.istio2gateway-bench';

/** Empties `dir` only when an earlier run made it; refuses any other non-empty folder. */
function clearOwnDir(dir) {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARK))) {
      throw new Error(
        `${dir} is not empty and was not made by bench/generate.mjs: not deleting it`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARK), 'made by bench/generate.mjs; a rerun replaces this folder\n');
}

export function generate(outDir, vsCount) {
  const scale = vsCount / 10_000;
  const counts = {
    namespaces: Math.max(1, Math.round(1000 * scale)),
    gateways: Math.max(1, Math.round(500 * scale)),
    virtualServices: vsCount,
    destinationRules: Math.round(2000 * scale),
    serviceEntries: Math.round(500 * scale),
  };
  const rand = prng(20261122);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const ns = (i) => `team-${String(i).padStart(4, '0')}`;
  clearOwnDir(outDir);
  const files = new Map(); // relative path -> documents
  const add = (path, doc) => {
    if (!files.has(path)) files.set(path, []);
    files.get(path).push(doc);
  };

  // Services: 3 per namespace, each with a version label selector and one or two ports.
  for (let n = 0; n < counts.namespaces; n++) {
    for (let s = 0; s < 3; s++) {
      const name = `svc-${s}`;
      const ports = [{ name: 'http', port: 8080, targetPort: 8080 }];
      if (s === 2) ports.push({ name: 'grpc', port: 9090, appProtocol: 'grpc' });
      add(`${ns(n)}/platform.yaml`, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: ns(n) },
        spec: { selector: { app: name }, ports },
      });
    }
  }
  const gwNamespaces = [];
  for (let g = 0; g < counts.gateways; g++) {
    const n = ns(g % counts.namespaces);
    const kind = g % 3;
    const host = `app-${g}.example.com`;
    const servers = [];
    if (kind === 0)
      servers.push({ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [`*/${host}`] });
    if (kind === 1) {
      servers.push({
        port: { number: 80, name: 'http', protocol: 'HTTP' },
        hosts: [host],
        tls: { httpsRedirect: true },
      });
      servers.push({
        port: { number: 443, name: 'https', protocol: 'HTTPS' },
        hosts: [host, `api-${g}.example.com`],
        tls: { mode: 'SIMPLE', credentialName: `cert-${g}` },
      });
    }
    if (kind === 2)
      servers.push({
        port: { number: 443, name: 'tls', protocol: 'TLS' },
        hosts: [host],
        tls: { mode: 'PASSTHROUGH' },
      });
    gwNamespaces.push({ name: `gw-${g}`, namespace: n, host, kind });
    add(`${n}/platform.yaml`, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: n },
      spec: { selector: { istio: 'ingressgateway' }, servers },
    });
  }
  for (let d = 0; d < counts.destinationRules; d++) {
    const n = ns(d % counts.namespaces);
    const svc = `svc-${d % 3}`;
    add(`${n}/platform.yaml`, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: `${svc}-${d}`, namespace: n },
      spec: {
        host: svc,
        trafficPolicy: {
          loadBalancer: { simple: 'LEAST_REQUEST' },
          connectionPool: { http: { http1MaxPendingRequests: 100 } },
        },
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          {
            name: 'v2',
            labels: { version: 'v2' },
            trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
          },
        ],
      },
    });
  }
  for (let e = 0; e < counts.serviceEntries; e++) {
    const n = ns(e % counts.namespaces);
    add(`${n}/platform.yaml`, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: `ext-${e}`, namespace: n },
      spec: {
        hosts: [`api-${e}.partner.example.org`],
        ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
        resolution: 'DNS',
        location: 'MESH_EXTERNAL',
      },
    });
  }
  const http = (v, gwHost) => {
    const rules = [];
    const svc = (i) => `svc-${i % 3}`;
    const f = v % 12;
    const dest = (i, extra = {}) => ({
      destination: { host: svc(i), port: { number: 8080 }, ...extra },
    });
    rules.push({
      match: [{ uri: { prefix: `/api/v${v % 4}` }, headers: { 'x-team': { exact: `t${v % 7}` } } }],
      route: [dest(v, { subset: 'v1' }), dest(v, { subset: 'v2' })].map((r, i) => ({
        ...r,
        weight: i ? 20 : 80,
      })),
    });
    if (f === 0)
      rules.push({
        match: [{ uri: { exact: '/login' }, method: { exact: 'POST' } }],
        route: [dest(v)],
        timeout: '1.5s',
      });
    if (f === 1)
      rules.push({
        match: [{ uri: { regex: '/items/[0-9]+' } }],
        route: [dest(v + 1)],
        retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,gateway-error' },
      });
    if (f === 2)
      rules.push({
        match: [{ uri: { prefix: '/old' } }],
        redirect: { uri: '/new', redirectCode: 301 },
      });
    if (f === 3)
      rules.push({
        match: [{ uri: { prefix: '/v1' } }],
        rewrite: { uri: '/v2' },
        route: [dest(v)],
      });
    if (f === 4)
      rules.push({
        match: [{ uri: { prefix: '/shadow' } }],
        route: [dest(v)],
        mirror: { host: svc(v + 1), port: { number: 8080 } },
        mirrorPercentage: { value: 10 },
      });
    if (f === 5)
      rules.push({
        match: [{ queryParams: { debug: { exact: 'true' } } }],
        route: [dest(v + 2)],
        headers: { request: { set: { 'x-debug': '1' } }, response: { remove: ['server'] } },
      });
    if (f === 6)
      rules.push({
        match: [{ uri: { prefix: '/web' } }],
        route: [dest(v)],
        corsPolicy: {
          allowOrigins: [{ exact: `https://${gwHost}` }],
          allowMethods: ['GET', 'POST'],
          maxAge: '24h',
        },
      });
    if (f === 7)
      rules.push({ match: [{ headers: { 'x-canary': {} } }], route: [dest(v, { subset: 'v2' })] });
    if (f === 8)
      rules.push({
        match: [{ uri: { prefix: '/ext' } }],
        route: [
          {
            destination: {
              host: `api-${v % Math.max(1, counts.serviceEntries)}.partner.example.org`,
              port: { number: 443 },
            },
          },
        ],
      });
    if (f === 9)
      rules.push({
        match: [{ method: { regex: 'GET|HEAD' }, uri: { prefix: '/static' } }],
        route: [dest(v)],
      });
    if (f === 10)
      rules.push({
        match: [{ uri: { prefix: '/grpc' } }],
        route: [{ destination: { host: 'svc-2', port: { number: 9090 } } }],
      });
    if (f === 11) rules.push({ match: [{ authority: { exact: gwHost } }], route: [dest(v)] });
    rules.push({ route: [dest(v)] });
    return rules;
  };
  for (let v = 0; v < counts.virtualServices; v++) {
    const n = ns(v % counts.namespaces);
    const gw = gwNamespaces[v % gwNamespaces.length];
    const mesh = v % 5 === 4;
    const host = mesh ? `svc-${v % 3}` : gw.kind === 2 ? gw.host : pick([gw.host, gw.host]);
    const spec = mesh
      ? { hosts: [host], http: http(v, host) }
      : { hosts: [host], gateways: [`${gw.namespace}/${gw.name}`], http: http(v, host) };
    if (!mesh && gw.kind === 2) {
      delete spec.http;
      spec.tls = [
        {
          match: [{ sniHosts: [host], port: 443 }],
          route: [{ destination: { host: 'svc-0', port: { number: 8443 } } }],
        },
      ];
    }
    add(`${n}/routes.yaml`, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: `vs-${v}`, namespace: n },
      spec,
    });
  }
  let bytes = 0;
  for (const [path, docs] of files) {
    const full = join(outDir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    const text = docs.map((d) => stringify(d)).join('---\n');
    bytes += Buffer.byteLength(text);
    writeFileSync(full, text);
  }
  return { ...counts, files: files.size, bytes };
}

const HELP = `Usage: node bench/generate.mjs <out-dir> [virtualServices]

Writes a deterministic Istio repository of that many VirtualServices (default 10000) with
proportional Gateways, DestinationRules, ServiceEntries and Services into <out-dir>. A folder
that an earlier run made is replaced; any other non-empty folder is refused.
`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
  } else if (
    args.length === 0 ||
    args.length > 2 ||
    args[0].startsWith('-') ||
    !/^\d*$/.test(args[1] ?? '')
  ) {
    process.stderr.write(HELP);
    process.exitCode = 2;
  } else {
    try {
      console.log(JSON.stringify(generate(args[0], Number(args[1] ?? 10000))));
    } catch (e) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = 2;
    }
  }
}
