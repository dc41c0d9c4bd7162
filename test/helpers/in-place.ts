import { expect } from 'vitest';
import { isMap, isSeq, parseAllDocuments } from 'yaml';
import type { FileOutput } from '../../src/convert.js';

/** The objects of a manifest text, `kind: List` items flattened, as convert() lists them in FileOutput.objects. */
export function objectsOf(text: string): unknown[] {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    const js = doc.toJS() as Record<string, unknown> | null;
    if (js === null || js === undefined) continue;
    if (js.kind === 'List' && Array.isArray(js.items)) out.push(...js.items);
    else out.push(js);
  }
  return out;
}

/**
 * What `--write` promises for one file, checked against the conversion's own FileOutput (never
 * against hard-coded mapper output): the rewritten file holds exactly the objects convert()
 * says replace it, in order; every document that was not converted keeps its exact text; every
 * comment outside the converted documents is still there.
 */
export function expectRewrite(before: string, after: string, out: FileOutput): void {
  expect(objectsOf(after)).toEqual(JSON.parse(JSON.stringify(out.objects)));
  const touched = new Set(
    out.entries
      .filter((e) => e.status === 'converted' || e.itemIndex !== undefined)
      .map((e) => e.docIndex),
  );
  let from = 0;
  parseAllDocuments(before).forEach((doc, i) => {
    const c = doc.contents;
    if (!c || touched.has(i) || !(isMap(c) || isSeq(c))) return;
    const own = before.slice(c.range[0], c.range[1]);
    const at = after.indexOf(own, from);
    expect(
      at,
      `document ${i} is not byte-identical (or out of order) after --write`,
    ).toBeGreaterThanOrEqual(0);
    from = at + own.length;
  });
  const convertedLines = new Set<string>();
  parseAllDocuments(before).forEach((doc, i) => {
    if (touched.has(i) && doc.contents)
      for (const l of before.slice(doc.contents.range[0], doc.contents.range[1]).split('\n'))
        convertedLines.add(l);
  });
  for (const line of before.split('\n')) {
    if (/^\s*#/.test(line) && !convertedLines.has(line))
      expect(after.split('\n'), `comment lost: ${line}`).toContain(line);
  }
}

/** A file a user owns: comments everywhere, odd formatting, non-Istio documents around Istio ones. */
export const MIXED = `# Team A's ingress. Owner: team-a@example.com
# Do not edit the Namespace without asking platform.
apiVersion: v1
kind: Namespace
metadata:
  name: team-a   # created by platform
---
# The public gateway of team A.
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: team-a-gw
  namespace: team-a
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["app.team-a.example.com"]
# trailing note about the gateway, at column 0
---
# The VirtualService for app.
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: app
  namespace: team-a
spec:
  hosts: ["app.team-a.example.com"]
  gateways: [team-a-gw]
  http:
  - route:
    - destination: {host: app, port: {number: 8080}}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: team-a, labels: {"app": 'app'} }
spec:
  template:
    spec:
      containers:
        - name: app
          image: "example/app:1.0"   # pinned
          args:
            - |
              # a block scalar line that looks like a comment
              --port=8080
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: app
  namespace: team-a
spec:
  host: app
  trafficPolicy:
    loadBalancer: {simple: LEAST_REQUEST}   # tuned
`;
