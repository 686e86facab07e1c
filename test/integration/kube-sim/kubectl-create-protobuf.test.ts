import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateExpiringIn, generateKey } from '../../../devkit/certs/generate.js';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import type { KubectlResult } from './kubectl.js';
import { kubectlFor, must } from './kubectl.js';

let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;
let dir: string;

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  dir = await mkdtemp(join(tmpdir(), 'kube-sim-create-'));
});

afterAll(async () => {
  await sim.stop();
});

function get(apiVersion: string, kind: string, name: string, namespace: string | undefined = 'shop'): Record<string, unknown> {
  const obj = sim.cluster('dev').get(apiVersion, kind, namespace, name);
  if (!obj) throw new Error(`${kind} ${name} was not created`);
  return obj as unknown as Record<string, unknown>;
}

/** The create went over the wire as protobuf (so the decoder, not a JSON fallback, made the object). */
function sentAsProtobuf(pathEnd: string): boolean {
  return sim.cluster('dev').requests.some((r) => r.method === 'POST' && r.path.endsWith(pathEnd) && (r.contentType ?? '').startsWith(PROTOBUF) && r.status === 201);
}

describe('kubectl create sends protobuf and kube-sim stores what a JSON client would have sent', () => {
  it('namespace, deployment and service account', async () => {
    await must(k('create', 'namespace', 'shop'));
    expect(get('v1', 'Namespace', 'shop', undefined)).toMatchObject({ metadata: { name: 'shop' }, status: { phase: 'Active' } });
    expect(sentAsProtobuf('/api/v1/namespaces')).toBe(true);
    await must(k('-n', 'shop', 'create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=0', '--port=80'));
    const web = get('apps/v1', 'Deployment', 'web');
    expect(web.spec).toMatchObject({
      replicas: 0,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } },
    });
    // Go's zero values (empty strings, a zero Time) are not turned into fields.
    expect(JSON.stringify(web)).not.toContain('1970-01-01');
    expect((web.metadata as Record<string, unknown>).generateName).toBeUndefined();
    expect(sentAsProtobuf('/namespaces/shop/deployments')).toBe(true);
    await must(k('-n', 'shop', 'create', 'serviceaccount', 'robot'));
    expect(get('v1', 'ServiceAccount', 'robot').metadata).toMatchObject({ name: 'robot', namespace: 'shop' });
  });

  it('secrets: generic, tls and docker-registry keep their bytes', async () => {
    await must(k('-n', 'shop', 'create', 'secret', 'generic', 'db', '--from-literal=password=s3cr3t', '--from-literal=user=app'));
    expect(get('v1', 'Secret', 'db')).toMatchObject({ type: 'Opaque', data: { password: Buffer.from('s3cr3t').toString('base64'), user: Buffer.from('app').toString('base64') } });
    const cert = certificateExpiringIn(30, { commonName: 'shop.example.com', key: generateKey('ec') });
    await writeFile(join(dir, 'tls.crt'), cert.certPem);
    await writeFile(join(dir, 'tls.key'), cert.keyPem);
    await must(k('-n', 'shop', 'create', 'secret', 'tls', 'web-tls', `--cert=${join(dir, 'tls.crt')}`, `--key=${join(dir, 'tls.key')}`));
    const tls = get('v1', 'Secret', 'web-tls') as { type: string; data: Record<string, string> };
    expect(tls.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(tls.data['tls.crt'] ?? '', 'base64').toString()).toBe(cert.certPem);
    await must(k('-n', 'shop', 'create', 'secret', 'docker-registry', 'pull', '--docker-server=registry.example.com', '--docker-username=u', '--docker-password=p'));
    const pull = get('v1', 'Secret', 'pull') as { type: string; data: Record<string, string> };
    expect(pull.type).toBe('kubernetes.io/dockerconfigjson');
    expect(JSON.parse(Buffer.from(pull.data['.dockerconfigjson'] ?? '', 'base64').toString())).toMatchObject({ auths: { 'registry.example.com': { username: 'u', password: 'p' } } });
    expect(sentAsProtobuf('/namespaces/shop/secrets')).toBe(true);
  });

  it('configmap, quota and services (clusterip, nodeport)', async () => {
    await must(k('-n', 'shop', 'create', 'configmap', 'settings', '--from-literal=mode=fast'));
    expect(get('v1', 'ConfigMap', 'settings')).toMatchObject({ data: { mode: 'fast' } });
    await must(k('-n', 'shop', 'create', 'quota', 'limits', '--hard=pods=10,requests.cpu=500m,requests.memory=1Gi'));
    expect(get('v1', 'ResourceQuota', 'limits').spec).toEqual({ hard: { pods: '10', 'requests.cpu': '500m', 'requests.memory': '1Gi' } });
    await must(k('-n', 'shop', 'create', 'service', 'clusterip', 'api', '--tcp=80:8080'));
    expect(get('v1', 'Service', 'api').spec).toMatchObject({ type: 'ClusterIP', selector: { app: 'api' }, ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }] });
    await must(k('-n', 'shop', 'create', 'service', 'nodeport', 'edge', '--tcp=443:https', '--node-port=30443'));
    expect(get('v1', 'Service', 'edge').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 443, targetPort: 'https', nodePort: 30443 }] });
  });

  it('job, cronjob and pod disruption budget', async () => {
    await must(k('-n', 'shop', 'create', 'job', 'once', '--image=busybox:1.36', '--', 'echo', 'hi'));
    expect(get('batch/v1', 'Job', 'once').spec).toMatchObject({ template: { spec: { restartPolicy: 'Never', containers: [{ name: 'once', image: 'busybox:1.36', command: ['echo', 'hi'] }] } } });
    await must(k('-n', 'shop', 'create', 'cronjob', 'nightly', '--image=busybox:1.36', '--schedule=0 3 * * *', '--', 'date'));
    expect(get('batch/v1', 'CronJob', 'nightly').spec).toMatchObject({
      schedule: '0 3 * * *',
      jobTemplate: { metadata: { name: 'nightly' }, spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ command: ['date'] }] } } } },
    });
    await must(k('-n', 'shop', 'create', 'poddisruptionbudget', 'web-pdb', '--selector=app=web', '--min-available=50%'));
    expect(get('policy/v1', 'PodDisruptionBudget', 'web-pdb').spec).toEqual({ minAvailable: '50%', selector: { matchLabels: { app: 'web' } } });
    await must(k('-n', 'shop', 'create', 'poddisruptionbudget', 'api-pdb', '--selector=app=api', '--max-unavailable=1'));
    expect(get('policy/v1', 'PodDisruptionBudget', 'api-pdb').spec).toMatchObject({ maxUnavailable: 1 });
  });

  it('a protobuf body of a kind kube-sim cannot decode is a 415 naming the kind', async () => {
    // runtime.Unknown{typeMeta{apiVersion "example.com/v1", kind "Widget"}} after the magic, written by hand.
    const typeMeta = Buffer.concat([Buffer.from([0x0a, 14]), Buffer.from('example.com/v1'), Buffer.from([0x12, 6]), Buffer.from('Widget')]);
    const body = Buffer.concat([Buffer.from('k8s\u0000', 'latin1'), Buffer.from([0x0a, typeMeta.length]), typeMeta]);
    const res = await fetch(`${sim.url('dev')}/api/v1/namespaces/shop/configmaps`, { method: 'POST', headers: { 'Content-Type': PROTOBUF }, body });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toContain('kind "Widget" (apiVersion "example.com/v1")');
  });
});

describe('kubectl delete and drain after the body decoding change', () => {
  it('delete removes the object and drain evicts every pod of the node', async () => {
    await must(k('-n', 'shop', 'delete', 'deployment', 'web'));
    expect(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'web')).toBeUndefined();
    await must(k('-n', 'shop', 'create', 'deployment', 'worker', '--image=busybox:1.36', '--replicas=3'));
    await sim.cluster('dev').settle();
    const out = await must(k('drain', 'node-a', '--ignore-daemonsets', '--timeout=40s'));
    expect(out).toContain('node/node-a drained');
    const evictions = sim.cluster('dev').requests.filter((r) => r.path.endsWith('/eviction'));
    expect(evictions.length).toBeGreaterThan(0);
    for (const e of evictions) {
      expect(e.status).toBe(201);
      expect(JSON.parse(e.body ?? '{}')).toMatchObject({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { namespace: 'shop' } });
    }
    const left = sim.cluster('dev').list('v1', 'Pod', 'shop').filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node-a');
    expect(left).toEqual([]);
  });
});
