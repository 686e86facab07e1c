import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import type { KubectlResult } from './kubectl.js';
import { kubectlFor, must } from './kubectl.js';

/**
 * kubectl 1.32's typed `create <kind>` for the RBAC, scheduling, networking and policy kinds, `create
 * token` and `autoscale`: each body goes as protobuf, and the test reads back what a real apiserver
 * would have stored and how kubectl prints it.
 */
let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  await must(k('create', 'namespace', 'shop'));
});

afterAll(async () => {
  await sim.stop();
});

function stored(apiVersion: string, kind: string, name: string, namespace?: string): Record<string, unknown> {
  const obj = sim.cluster('dev').get(apiVersion, kind, namespace, name);
  if (!obj) throw new Error(`${kind} ${name} was not created`);
  return obj as unknown as Record<string, unknown>;
}

function sentAsProtobuf(path: string): boolean {
  return sim.cluster('dev').requests.some((r) => r.method === 'POST' && r.path === path && (r.contentType ?? '').startsWith(PROTOBUF) && r.status === 201);
}

const RBAC = 'rbac.authorization.k8s.io/v1';

describe('kubectl create of RBAC, scheduling, networking and policy kinds', () => {
  it('role, rolebinding, clusterrole (plain and aggregated) and clusterrolebinding', async () => {
    await must(k('-n', 'shop', 'create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods,pods/log'));
    expect(stored(RBAC, 'Role', 'pod-reader', 'shop').rules).toEqual([{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }]);
    expect(sentAsProtobuf('/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles')).toBe(true);

    await must(k('-n', 'shop', 'create', 'rolebinding', 'alice-reads', '--role=pod-reader', '--user=alice', '--serviceaccount=shop:robot'));
    expect(stored(RBAC, 'RoleBinding', 'alice-reads', 'shop')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'robot', namespace: 'shop' }],
    });

    await must(k('create', 'clusterrole', 'deploy-scaler', '--verb=*', '--resource=deployments.apps/scale'));
    expect(stored(RBAC, 'ClusterRole', 'deploy-scaler').rules).toEqual([{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['*'] }]);
    await must(k('create', 'clusterrole', 'monitoring', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true'));
    expect(stored(RBAC, 'ClusterRole', 'monitoring').aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] });

    await must(k('create', 'clusterrolebinding', 'ops-scale', '--clusterrole=deploy-scaler', '--group=ops'));
    expect(stored(RBAC, 'ClusterRoleBinding', 'ops-scale')).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'deploy-scaler' },
      subjects: [{ kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    expect(sentAsProtobuf('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings')).toBe(true);

    expect(await must(k('-n', 'shop', 'get', 'rolebinding', 'alice-reads', '-o', 'wide'))).toMatch(
      /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\nalice-reads\s+Role\/pod-reader\s+\S+\s+alice\s+shop\/robot\n$/,
    );
    expect(await must(k('get', 'clusterrole', 'deploy-scaler'))).toMatch(/^NAME\s+CREATED AT\ndeploy-scaler\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    // What was created is what authorizes: the binding lets the group scale, not edit.
    expect((await k('auth', 'can-i', 'patch', 'deployments.apps', '--subresource=scale', '--as=bob', '--as-group=ops', '-n', 'shop')).stdout).toBe('yes\n');
  });

  it('priorityclass is defaulted and printed as kubectl prints it', async () => {
    await must(k('create', 'priorityclass', 'batch-low', '--value=100', '--description=batch work'));
    await must(k('create', 'priorityclass', 'critical', '--value=1000000', '--global-default', '--preemption-policy=Never'));
    expect(stored('scheduling.k8s.io/v1', 'PriorityClass', 'batch-low')).toMatchObject({ value: 100, description: 'batch work', preemptionPolicy: 'PreemptLowerPriority' });
    expect(stored('scheduling.k8s.io/v1', 'PriorityClass', 'critical')).toMatchObject({ value: 1000000, globalDefault: true, preemptionPolicy: 'Never' });
    expect(sentAsProtobuf('/apis/scheduling.k8s.io/v1/priorityclasses')).toBe(true);
    expect(await must(k('get', 'pc'))).toMatch(
      /^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY\nbatch-low\s+100\s+false\s+\S+\s+PreemptLowerPriority\ncritical\s+1000000\s+true\s+\S+\s+Never\n$/,
    );
  });

  it('ingress with a TLS rule and poddisruptionbudget', async () => {
    await must(k('-n', 'shop', 'create', 'ingress', 'web', '--class=nginx', '--rule=shop.example.com/api*=api:8080,tls=shop-tls', '--annotation=team=shop'));
    const ingress = stored('networking.k8s.io/v1', 'Ingress', 'web', 'shop');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } }] } }],
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    });
    expect((ingress.metadata as { annotations?: Record<string, string> }).annotations).toEqual({ team: 'shop' });
    expect(sentAsProtobuf('/apis/networking.k8s.io/v1/namespaces/shop/ingresses')).toBe(true);
    expect(await must(k('-n', 'shop', 'get', 'ingress'))).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nweb\s+nginx\s+shop\.example\.com\s+80, 443\s+\S+\n$/);

    await must(k('-n', 'shop', 'create', 'poddisruptionbudget', 'web', '--selector=app=web', '--max-unavailable=25%'));
    expect(stored('policy/v1', 'PodDisruptionBudget', 'web', 'shop').spec).toEqual({ maxUnavailable: '25%', selector: { matchLabels: { app: 'web' } } });
    expect(await must(k('-n', 'shop', 'get', 'pdb', 'web'))).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nweb\s+N\/A\s+25%\s+0\s+\S+\n$/);
  });
});

interface Claims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  sub: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
}

function claimsOf(token: string): Claims {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
}

describe('kubectl create token', () => {
  it('issues a bound service account token that TokenReview accepts until the account is gone', async () => {
    await must(k('-n', 'shop', 'create', 'serviceaccount', 'robot'));
    const uid = (stored('v1', 'ServiceAccount', 'robot', 'shop').metadata as { uid: string }).uid;

    const token = (await must(k('-n', 'shop', 'create', 'token', 'robot'))).trim();
    const claims = claimsOf(token);
    expect(claims).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:shop:robot',
      'kubernetes.io': { namespace: 'shop', serviceaccount: { name: 'robot', uid } },
    });
    expect(claims.exp - claims.iat).toBe(3600);

    const custom = JSON.parse(await must(k('-n', 'shop', 'create', 'token', 'robot', '--duration=20m', '--audience=shipmate', '-o', 'json'))) as {
      kind: string;
      spec: { audiences: string[]; expirationSeconds: number };
      status: { token: string; expirationTimestamp: string };
    };
    expect(custom).toMatchObject({ kind: 'TokenRequest', spec: { audiences: ['shipmate'], expirationSeconds: 1200 } });
    expect(claimsOf(custom.status.token).aud).toEqual(['shipmate']);
    expect(Date.parse(custom.status.expirationTimestamp)).toBe(claimsOf(custom.status.token).exp * 1000);
    expect(sentAsProtobuf('/api/v1/namespaces/shop/serviceaccounts/robot/token')).toBe(true);

    const tooShort = await k('-n', 'shop', 'create', 'token', 'robot', '--duration=5m');
    expect(tooShort.code).not.toBe(0);
    expect(tooShort.stderr).toContain('may not specify a duration less than 10 minutes');
    const missing = await k('-n', 'shop', 'create', 'token', 'nobody');
    expect(missing.stderr).toContain('serviceaccounts "nobody" not found');

    const review = async (): Promise<{ authenticated?: boolean; user?: { username: string; groups: string[] } }> => {
      const res = await fetch(`${sim.url('dev')}/apis/authentication.k8s.io/v1/tokenreviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }),
      });
      return ((await res.json()) as { status: { authenticated?: boolean; user?: { username: string; groups: string[] } } }).status;
    };
    expect(await review()).toMatchObject({
      authenticated: true,
      user: { username: 'system:serviceaccount:shop:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'] },
    });
    await must(k('-n', 'shop', 'delete', 'serviceaccount', 'robot'));
    await must(k('-n', 'shop', 'create', 'serviceaccount', 'robot'));
    expect((await review()).authenticated).toBe(false);
  });
});

describe('kubectl autoscale', () => {
  it('creates an autoscaling/v1 HPA that reads back in v1 and v2 and prints its columns', async () => {
    await must(k('-n', 'shop', 'create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=1'));
    expect(await must(k('-n', 'shop', 'autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=70'))).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect(sentAsProtobuf('/apis/autoscaling/v1/namespaces/shop/horizontalpodautoscalers')).toBe(true);

    const v1 = JSON.parse(await must(k('-n', 'shop', 'get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'json'))) as { apiVersion: string; spec: unknown };
    expect(v1).toMatchObject({ apiVersion: 'autoscaling/v1' });
    expect(v1.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 });
    const v2 = JSON.parse(await must(k('-n', 'shop', 'get', 'horizontalpodautoscalers.v2.autoscaling', 'web', '-o', 'json'))) as { apiVersion: string; spec: unknown };
    expect(v2).toMatchObject({ apiVersion: 'autoscaling/v2' });
    expect(v2.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(await must(k('-n', 'shop', 'get', 'hpa'))).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nweb\s+Deployment\/web\s+cpu: <unknown>\/70%\s+2\s+5\s+0\s+\S+\n$/);

    const again = await k('-n', 'shop', 'autoscale', 'deployment', 'web', '--max=3');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('horizontalpodautoscalers.autoscaling "web" already exists');
  });
});
