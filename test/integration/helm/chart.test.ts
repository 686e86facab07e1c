import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { all, find, fullValues, lint, render, type K8sObject } from './render.js';

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  securityContext: Record<string, unknown>;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}
interface PodSpec {
  securityContext: Record<string, unknown>;
  terminationGracePeriodSeconds: number;
  serviceAccountName: string;
  containers: Container[];
  volumes: { name: string; emptyDir?: object; configMap?: { name: string }; secret?: { secretName: string }; persistentVolumeClaim?: { claimName: string } }[];
  affinity: { podAntiAffinity?: { preferredDuringSchedulingIgnoredDuringExecution?: unknown[] } };
}

const podSpec = (d: K8sObject) => (d['spec'] as { template: { spec: PodSpec } }).template.spec;
const bot = (d: K8sObject) => {
  const c = podSpec(d).containers.find((x) => x.name === 'shipmate');
  if (!c) throw new Error('no shipmate container');
  return c;
};
const envOf = (c: Container, name: string) => c.env.find((e) => e.name === name);
const tokens = { 'slack.botToken': 'xoxb-test', 'slack.appToken': 'xapp-test' };

describe('helm chart (real helm binary)', () => {
  it('lints clean with the default and the full values', async () => {
    for (const out of [await lint(), await lint({ valuesFiles: [fullValues] })]) {
      expect(out).toContain('0 chart(s) failed');
      expect(out).not.toMatch(/\[(WARNING|ERROR|INFO)\]/);
    }
  });

  describe('default values', () => {
    let objects: K8sObject[];
    beforeAll(async () => {
      objects = await render({ set: tokens });
    });

    it('runs `node dist/src/cli.js start` as a hardened non-root pod', () => {
      const deploy = find(objects, 'Deployment', 'rel-shipmate');
      expect((deploy['spec'] as { replicas: number }).replicas).toBe(2);
      const spec = podSpec(deploy);
      const c = bot(deploy);
      expect([...(c.command ?? []), ...(c.args ?? [])]).toEqual(['node', 'dist/src/cli.js', 'start']);
      expect(c.image).toBe('ghcr.io/shipmate/shipmate:0.1.0');
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(120);
      expect(c.resources.requests).toBeDefined();
      expect(c.resources.limits).toBeDefined();
      expect(spec.volumes.find((v) => v.name === 'tmp')?.emptyDir).toBeDefined();
      expect(c.volumeMounts).toContainEqual(expect.objectContaining({ name: 'tmp', mountPath: '/tmp' }));
      expect(spec.affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
      expect(spec.serviceAccountName).toBe(find(objects, 'ServiceAccount').metadata.name);
    });

    it('probes /healthz and /readyz on the http port 3000', () => {
      const c = bot(find(objects, 'Deployment', 'rel-shipmate'));
      expect(c.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: 3000 })]);
      expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(envOf(c, 'PORT')?.value).toBe('3000');
    });

    it('wires tokens from the chart Secret and the config from the ConfigMap', () => {
      const deploy = find(objects, 'Deployment', 'rel-shipmate');
      const c = bot(deploy);
      const secret = find(objects, 'Secret', 'rel-shipmate');
      const data = secret['data'] as Record<string, string>;
      expect(Object.keys(data).sort()).toEqual(['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN']);
      expect(Buffer.from(data['SLACK_BOT_TOKEN'] ?? '', 'base64').toString()).toBe('xoxb-test');
      for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']) {
        expect(envOf(c, key)?.valueFrom?.secretKeyRef).toEqual({ name: 'rel-shipmate', key });
      }
      expect(envOf(c, 'SLACK_SIGNING_SECRET')).toBeUndefined();
      // The bundled Redis is the default; its URL is not a secret.
      expect(envOf(c, 'REDIS_URL')?.value).toBe('redis://rel-shipmate-redis:6379');

      expect(envOf(c, 'SHIPMATE_CONFIG')?.value).toBe('/etc/shipmate/shipmate.yaml');
      const cm = find(objects, 'ConfigMap', 'rel-shipmate');
      expect(podSpec(deploy).volumes).toContainEqual({ name: 'config', configMap: { name: 'rel-shipmate' } });
      expect(c.volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/shipmate/shipmate.yaml', subPath: 'shipmate.yaml', readOnly: true });
      expect((cm['data'] as Record<string, string>)['shipmate.yaml']).toContain('inCluster: true');
      // Secrets never reach the ConfigMap.
      expect(JSON.stringify(cm)).not.toMatch(/xoxb|xapp/);
      const annotations = (deploy['spec'] as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations;
      expect(Object.keys(annotations)).toEqual(expect.arrayContaining(['checksum/config', 'checksum/secret']));
    });

    it('runs the bundled Redis with noeviction and AOF everysec', () => {
      const redis = find(objects, 'Deployment', 'rel-shipmate-redis');
      const args = (podSpec(redis).containers[0]?.args ?? []).join(' ');
      expect(args).toContain('--maxmemory-policy noeviction');
      expect(args).toContain('--appendonly yes');
      expect(args).toContain('--appendfsync everysec');
      expect(find(objects, 'Service', 'rel-shipmate-redis')).toBeDefined();
      expect(all(objects, 'PersistentVolumeClaim')).toHaveLength(0);
    });

    it('adds a PDB for two replicas, no Service in socket mode, no optional extras', () => {
      expect(find(objects, 'PodDisruptionBudget')['spec']).toMatchObject({ minAvailable: 1 });
      expect(all(objects, 'Service').map((s) => s.metadata.name)).toEqual(['rel-shipmate-redis']);
      expect(all(objects, 'ServiceMonitor')).toHaveLength(0);
      expect(all(objects, 'NetworkPolicy')).toHaveLength(0);
      expect(all(objects, 'ClusterRole').map((r) => r.metadata.name)).toEqual(['rel-shipmate']);
    });

    it('drops the PDB for a single replica', async () => {
      const one = await render({ set: { ...tokens, replicaCount: '1' } });
      expect(all(one, 'PodDisruptionBudget')).toHaveLength(0);
    });
  });

  describe('full values (ci/full-values.yaml)', () => {
    let objects: K8sObject[];
    beforeAll(async () => {
      objects = await render({ valuesFiles: [fullValues] });
    });

    it('uses the existing Secret (http mode keys) and renders none of its own', () => {
      expect(all(objects, 'Secret')).toHaveLength(0);
      const c = bot(find(objects, 'Deployment', 'rel-shipmate'));
      expect(envOf(c, 'SLACK_SIGNING_SECRET')?.valueFrom?.secretKeyRef).toEqual({ name: 'shipmate-slack', key: 'SLACK_SIGNING_SECRET' });
      expect(envOf(c, 'SLACK_BOT_TOKEN')?.valueFrom?.secretKeyRef?.name).toBe('shipmate-slack');
      expect(envOf(c, 'SLACK_APP_TOKEN')).toBeUndefined();
      expect(envOf(c, 'SLACK_API_URL')?.value).toBe('https://slack-sim.example.internal/api/');
      expect(envOf(c, 'KUBECONFIG')?.value).toBe('/etc/shipmate/kube/config');
      expect(envOf(c, 'NODE_OPTIONS')?.value).toBe('--max-old-space-size=384');
    });

    it('renders a config that Shipmate itself accepts', () => {
      const text = (find(objects, 'ConfigMap', 'rel-shipmate')['data'] as Record<string, string>)['shipmate.yaml'] ?? '';
      const parsed = parseConfig(text);
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    });

    it('exposes port 80 → http and a ServiceMonitor scraping /metrics', () => {
      const svc = find(objects, 'Service', 'rel-shipmate');
      expect((svc['spec'] as { ports: unknown[] }).ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
      const sm = find(objects, 'ServiceMonitor', 'rel-shipmate');
      expect(sm.metadata.labels?.['release']).toBe('kube-prometheus-stack');
      expect((sm['spec'] as { endpoints: unknown[] }).endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
    });

    it('limits egress to DNS, Redis, the API server and 443, and fences the bundled Redis', () => {
      const np = find(objects, 'NetworkPolicy', 'rel-shipmate');
      const spec = np['spec'] as { policyTypes: string[]; egress: { to?: unknown[]; ports: { port: number | string }[] }[] };
      expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const ports = spec.egress.map((r) => r.ports.map((p) => p.port).join(','));
      expect(ports).toEqual(['53,53', '6379', '443,6443', '443']);
      expect(spec.egress[2]?.to).toEqual([{ ipBlock: { cidr: '10.0.0.1/32' } }]);
      const redisNp = find(objects, 'NetworkPolicy', 'rel-shipmate-redis');
      expect((redisNp['spec'] as { egress: unknown[] }).egress).toEqual([]);
    });

    it('keeps Redis data on a PVC that survives uninstall', () => {
      const pvc = find(objects, 'PersistentVolumeClaim', 'rel-shipmate-redis');
      expect(pvc.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
      expect(podSpec(find(objects, 'Deployment', 'rel-shipmate-redis')).volumes).toContainEqual({
        name: 'data',
        persistentVolumeClaim: { claimName: 'rel-shipmate-redis' },
      });
    });

    it('keeps a PDB with three replicas', () => {
      expect(find(objects, 'PodDisruptionBudget')['spec']).toMatchObject({ minAvailable: 1 });
    });
  });

  describe('values that must fail', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['an unknown mode', { mode: 'grpc' }, /mode must be one of/],
      ['socket mode with a bot token but no app token', { 'slack.botToken': 'xoxb-1' }, /slack\.appToken/],
      ['http mode with a bot token but no signing secret', { mode: 'http', 'slack.botToken': 'xoxb-1' }, /slack\.signingSecret/],
      ['a user token as bot token', { 'slack.botToken': 'xoxp-1' }, /slack\.botToken/],
      ['namespaces scope without namespaces', { 'rbac.scope': 'namespaces' }, /rbac\.namespaces/],
      ['an unknown rbac scope', { 'rbac.scope': 'everything' }, /rbac\.scope/],
      ['a non-redis URL', { 'redis.bundled.enabled': 'false', 'redis.url': 'http://redis' }, /redis\.url/],
      ['both bundled and external Redis', { 'redis.url': 'redis://r:6379' }, /mutually exclusive/],
      ['no Redis at all', { 'redis.bundled.enabled': 'false' }, /needs Redis/],
    ];
    it.each(cases)('rejects %s', async (_name, set, message) => {
      await expect(render({ set })).rejects.toThrow(message);
    });
  });
});
