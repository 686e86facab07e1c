import { describe, expect, it } from 'vitest';
import type { ClusterLookup } from '../../../../devkit/kube-sim/controllers/http-probe.js';
import { httpCommandOutcome } from '../../../../devkit/kube-sim/controllers/http-probe.js';
import type { KubeObject } from '../../../../devkit/kube-sim/types.js';

function obj(kind: string, name: string, namespace: string, rest: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name, namespace, uid: name, resourceVersion: '1', creationTimestamp: '' }, ...rest } as KubeObject;
}

const web = obj('Service', 'web', 'shop', { spec: { clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }, { port: 9090, targetPort: 9090 }] } });
const ready = { conditions: [{ type: 'Ready', status: 'True' }] };
const server = (ports: object[], extra: Record<string, unknown> = {}): KubeObject =>
  obj('Pod', 'web-1', 'shop', { metadata: { name: 'web-1', namespace: 'shop', uid: 'p', resourceVersion: '1', creationTimestamp: '', labels: { app: 'web' }, ...extra }, spec: { containers: [{ name: 'app', ports }] }, status: ready });

function lookup(pods: KubeObject[]): ClusterLookup {
  return { services: (ns) => (ns === 'shop' ? [web] : []), pods: (ns) => pods.filter((p) => p.metadata.namespace === ns), namespaceExists: (ns) => ns === 'shop' || ns === 'other' };
}

const tester = obj('Pod', 'tester', 'shop', { spec: { containers: [] } });
const run = (argv: string[], pods: KubeObject[], from = tester): ReturnType<typeof httpCommandOutcome> =>
  httpCommandOutcome(from, { name: 'wget', image: 'busybox', command: argv }, lookup(pods));

describe('httpCommandOutcome (a test pod wget/curl to a Service)', () => {
  it('succeeds when a ready pod declares the named target port', () => {
    expect(run(['wget', 'web:80'], [server([{ name: 'http', containerPort: 8080 }])])).toMatchObject({ exitCode: 0, output: ['Connecting to web:80 (10.96.0.10:80)', "saving to 'index.html'", expect.any(String), "'index.html' saved"] });
    expect(run(['curl', '-s', 'http://web.shop.svc.cluster.local:9090/healthz'], [server([])])).toEqual({ exitCode: 0, output: [] });
    expect(run(['curl', 'web:8080'], [server([])])).toEqual({ exitCode: 7, output: ["curl: (7) Failed to connect to web port 8080 after 0 ms: Couldn't connect to server"] });
    expect(run(['/usr/bin/curl', 'api'], [])).toEqual({ exitCode: 6, output: ['curl: (6) Could not resolve host: api'] });
  });

  it('is refused without a ready backing pod, for a port the Service lacks, or a named port no container declares', () => {
    const refused = { exitCode: 1, output: ['Connecting to web:80 (10.96.0.10:80)', "wget: can't connect to remote host (10.96.0.10): Connection refused"] };
    expect(run(['wget', 'web'], [])).toEqual(refused);
    expect(run(['wget', 'web'], [server([])])).toEqual(refused);
    expect(run(['wget', 'web'], [server([{ name: 'http', containerPort: 80 }], { deletionTimestamp: '2026-01-01T00:00:00Z' })])).toEqual(refused);
    expect(run(['wget', 'web:8080'], [server([{ name: 'http', containerPort: 80 }])])?.exitCode).toBe(1);
  });

  it('a cluster name without a Service is a bad address; names cluster DNS sends upstream and other commands are not judged', () => {
    expect(run(['wget', 'api:80'], [])).toEqual({ exitCode: 1, output: ["wget: bad address 'api:80'"] });
    expect(run(['wget', 'web.other'], [])).toEqual({ exitCode: 1, output: ["wget: bad address 'web.other:80'"] });
    expect(run(['wget', 'https://example.com/x'], [])).toBeUndefined();
    expect(run(['wget', '10.0.0.1:80'], [])).toBeUndefined();
    expect(run(['sh', '-c', 'wget web'], [])).toBeUndefined();
  });
});
