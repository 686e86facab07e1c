import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim, type RecordedRequest } from '../../../devkit/kube-sim/index.js';
import type { Invocation } from '../../../src/core/invocation.js';
import { overlay, type OperationRegistry, type WorkloadRef } from '../../../src/core/operation.js';
import { createScanOperations } from '../../../src/k8s/scans/index.js';
import { isMutating } from '../../../src/commands/registry.js';
import { context, harness } from '../k8s/support.js';
import { chartDir, find, fullValues, render, type K8sObject } from './render.js';

/**
 * The other direction of rbac-coverage.test.ts: instead of trusting the table of API calls, run
 * every registered operation against kube-sim, read the requests it really sent, and check that
 * each one is in the table and granted by the rendered chart.
 */

type Info =
  | { kind: 'resource'; verb: string; group: string; resource: string; subresource?: string; namespace?: string }
  | { kind: 'non-resource'; path: string };

interface PolicyRule { apiGroups?: string[]; resources?: string[]; verbs: string[]; resourceNames?: string[] }
interface TableCall { group: string; resource: string; subresource?: string; verb: string; scope: string }

/** Subresources of a Namespace object; anything else after /namespaces/<ns>/ is a resource in that namespace. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Method and path → RBAC attributes, the way the apiserver's RequestInfoFactory derives them
 * (written here independently of src/k8s/request-info.ts, so the product is not checked against itself).
 */
function requestInfo(r: RecordedRequest): Info {
  const segments = r.path.split('?')[0]!.split('/').filter((p) => p !== '');
  let group: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) [group, rest] = ['', segments.slice(2)];
  else if (segments[0] === 'apis' && segments.length >= 4) [group, rest] = [segments[1]!, segments.slice(3)];
  else return { kind: 'non-resource', path: `/${segments.join('/')}` }; // discovery, /version, /openapi
  const watchPrefix = rest[0] === 'watch';
  if (watchPrefix) rest = rest.slice(1);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  const watch = watchPrefix || ['true', '1'].includes(r.query['watch'] ?? '');
  const verbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch' };
  const verb =
    r.method === 'GET' ? (watch ? 'watch' : name !== undefined ? 'get' : 'list')
    : r.method === 'DELETE' ? (name !== undefined ? 'delete' : 'deletecollection')
    : (verbs[r.method] ?? r.method.toLowerCase());
  return { kind: 'resource', verb, group, resource, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}) };
}

type ResourceInfo = Extract<Info, { kind: 'resource' }>;
const show = (c: Pick<ResourceInfo, 'verb' | 'group' | 'resource' | 'subresource'>) =>
  `${c.verb} ${c.group || 'core'}/${c.resource}${c.subresource ? `/${c.subresource}` : ''}`;

function grants(rules: PolicyRule[], c: ResourceInfo): boolean {
  const full = c.subresource ? `${c.resource}/${c.subresource}` : c.resource;
  return rules.some((rule) => (rule.apiGroups ?? []).includes(c.group) && (rule.resources ?? []).includes(full) && rule.verbs.includes(c.verb) && !rule.resourceNames);
}
const rulesOf = (o: K8sObject) => (o['rules'] as PolicyRule[] | undefined) ?? [];

/** What each operation is asked to do: every registered command, on each workload kind it supports. */
const dep: WorkloadRef = { kind: 'Deployment', name: 'api-service' };
const sts: WorkloadRef = { kind: 'StatefulSet', name: 'orders-db' };
const ds: WorkloadRef = { kind: 'DaemonSet', name: 'log-agent' };
const CASES: { invocation: Invocation; namespace: string; workload?: WorkloadRef }[] = [
  ...[dep, sts, ds].flatMap((w) => {
    const ns = w === ds ? 'kube-system' : 'shop';
    const app = w.name;
    return [
      { invocation: { command: 'status', app, env: 'prod' } as Invocation, namespace: ns, workload: w },
      { invocation: { command: 'history', app, env: 'prod' } as Invocation, namespace: ns, workload: w },
      { invocation: { command: 'restart', app, env: 'prod' } as Invocation, namespace: ns, workload: w },
    ];
  }),
  { invocation: { command: 'rollback', app: 'api-service', env: 'prod' }, namespace: 'shop', workload: dep },
  { invocation: { command: 'rollback', app: 'orders-db', env: 'prod' }, namespace: 'shop', workload: sts },
  { invocation: { command: 'upgrade', app: 'api-service', env: 'prod', image: 'v1.4.3' }, namespace: 'shop', workload: dep },
  { invocation: { command: 'scale', app: 'api-service', env: 'prod', replicas: 4 }, namespace: 'shop', workload: dep },
  { invocation: { command: 'scale', app: 'orders-db', env: 'prod', replicas: 2 }, namespace: 'shop', workload: sts },
  { invocation: { command: 'logs', target: 'api-service', env: 'prod', previous: false, tailLines: 20 }, namespace: 'shop', workload: dep },
  { invocation: { command: 'debug', target: 'api-service', env: 'prod' }, namespace: 'shop', workload: dep },
  { invocation: { command: 'cordon', node: 'node-c', env: 'prod' }, namespace: 'shop' },
  { invocation: { command: 'uncordon', node: 'node-c', env: 'prod' }, namespace: 'shop' },
  { invocation: { command: 'drain', node: 'node-c', env: 'prod' }, namespace: 'shop' },
  { invocation: { command: 'certs', env: 'prod' }, namespace: 'shop' },
  { invocation: { command: 'quota', env: 'prod' }, namespace: 'shop' },
  { invocation: { command: 'backup', env: 'prod', namespaces: ['shop'] }, namespace: 'shop' },
  { invocation: { command: 'preflight', env: 'prod', toVersion: '1.31' }, namespace: 'shop' },
];

const CLUSTER_SCOPED = new Set(['nodes', 'namespaces', 'customresourcedefinitions']);

let sim: KubeSim;
let ops: OperationRegistry;
const ran: string[] = [];

/** kube-sim runs no Velero server: play its part by completing every new Backup. */
function fakeVelero(sim: KubeSim): () => void {
  const cluster = sim.cluster('prod');
  const timer = setInterval(() => {
    for (const b of cluster.list('velero.io/v1', 'Backup')) {
      const status = (b as { status?: { phase?: string } }).status;
      if (status?.phase !== 'Completed') void cluster.update({ ...b, status: { phase: 'Completed', itemsBackedUp: 3, totalItems: 3 } });
    }
  }, 100);
  return () => clearInterval(timer);
}

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['prod'], seed: 'demo' });
  await sim.cluster('prod').settle();
  const h = harness(sim.kubeconfigPath, ['prod']);
  const scans = createScanOperations({ clientsFor: (c) => h.registry.clients(c), mutates: isMutating });
  ops = overlay(h.ops, scans);
  sim.cluster('prod').resetRequests();
  const stopVelero = fakeVelero(sim);
  for (const c of CASES) {
    const op = ops.get(c.invocation.command);
    if (!op) continue; // not registered (yet): it makes no calls
    const ctx = context(c.invocation, { cluster: 'prod', namespace: c.namespace, ...(c.workload ? { workload: c.workload } : {}) });
    const plan = await op.plan(ctx);
    if (op.mutates) await op.fingerprint(ctx);
    const result = await op.execute(ctx, plan);
    expect(result.outcome, `${c.invocation.command}: ${result.summary}`).toBe('succeeded');
    await op.describeCurrentState?.(ctx);
    ran.push(c.invocation.command);
    await sim.cluster('prod').settle();
  }
  stopVelero();
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

/** Every distinct (verb, group, resource, subresource, namespace) the operations sent. */
function resourceCalls(): ResourceInfo[] {
  const infos = sim.cluster('prod').requests.map(requestInfo).filter((i): i is ResourceInfo => i.kind === 'resource');
  return [...new Map(infos.map((i) => [`${show(i)} ${i.namespace ?? ''}`, i])).values()];
}

describe('the rendered RBAC covers every API call the operations really make', () => {
  it('ran every registered operation', () => {
    expect(ran).toEqual(expect.arrayContaining(['status', 'history', 'rollback', 'upgrade', 'restart', 'scale', 'logs', 'debug', 'cordon', 'uncordon', 'drain', 'certs', 'quota']));
  });

  it('lists each call in required-api-calls.json and grants it in the cluster-scope ClusterRole', async () => {
    const calls = resourceCalls();
    expect(calls.length).toBeGreaterThan(20);
    const table = (JSON.parse(await readFile(join(chartDir, 'ci', 'required-api-calls.json'), 'utf8')) as { calls: TableCall[] }).calls;
    const listed = new Set(table.map(show));
    expect(calls.map(show).filter((c) => !listed.has(c))).toEqual([]);

    const objects = await render({ set: { 'rbac.argo': 'true', 'rbac.flux': 'true', 'rbac.velero': 'true', 'rbac.certManager': 'true', 'rbac.nodes': 'true' } });
    const role = rulesOf(find(objects, 'ClusterRole', 'rel-shipmate'));
    expect(calls.filter((c) => !grants(role, c)).map(show)).toEqual([]);
  });

  it('sends nothing but discovery outside the resource API (granted to every user by system:discovery)', () => {
    const others = [...new Set(sim.cluster('prod').requests.map(requestInfo).flatMap((i) => (i.kind === 'non-resource' ? [i.path] : [])))];
    for (const path of others) expect(path).toMatch(/^\/(version|api(\/v1)?|apis(\/[^/]+){0,2})$/);
  });

  it('in namespaces scope, grants the calls in listed namespaces by their Roles and cluster-scoped ones by the ClusterRole', async () => {
    const objects = await render({ valuesFiles: [fullValues] });
    const byNamespace: Record<string, PolicyRule[]> = {
      shop: rulesOf(find(objects, 'Role', 'rel-shipmate', 'shop')),
      velero: rulesOf(find(objects, 'Role', 'rel-shipmate-velero', 'velero')),
    };
    const cluster = rulesOf(find(objects, 'ClusterRole', 'rel-shipmate-cluster'));
    const calls = resourceCalls();
    const inShop = calls.filter((c) => c.namespace !== undefined && c.namespace in byNamespace);
    expect(inShop.filter((c) => !grants(byNamespace[c.namespace!]!, c)).map(show)).toEqual([]);
    const clusterScoped = calls.filter((c) => c.namespace === undefined && CLUSTER_SCOPED.has(c.resource));
    expect(clusterScoped.length).toBeGreaterThan(0);
    expect(clusterScoped.filter((c) => !grants(cluster, c)).map(show)).toEqual([]);
    // Not checked here: lists across all namespaces (drain's pods on a node, the certs and quota
    // scans). Namespaces scope grants none of them; see the issue 5 report.
  });
});
