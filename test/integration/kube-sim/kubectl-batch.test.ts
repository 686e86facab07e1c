import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath } from '../../../scripts/tools.js';
import type { KubeObject, KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { manifest, until } from './files.js';
import type { KubectlResult } from './kubectl.js';
import { kubectlFor, must, namespace } from './kubectl.js';

/** Jobs, CronJobs, ServiceAccounts, logs -f and the printer columns of the batch and cluster kinds. */
let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

function job(name: string, image: string, extra: Record<string, unknown> = {}, annotations: Record<string, string> = {}): object {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'batch' },
    spec: { backoffLimit: 1, ...extra, template: { metadata: { annotations }, spec: { restartPolicy: 'Never', containers: [{ name: 'work', image }] } } },
  };
}

/** Run kubectl to its end (or kill it after `killAfterMs`), collecting its output. */
function kubectlStream(args: string[], killAfter?: (out: string) => boolean): Promise<{ code: number | null; out: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(kubectlPath, ['--kubeconfig', sim.kubeconfigPath, '--context', 'dev', ...args]);
    let out = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (killAfter?.(out) && !killed) {
        killed = true;
        child.kill();
      }
    });
    child.on('close', (code) => resolve({ code, out, killed }));
  });
}

beforeAll(async () => {
  sim = await startKubeSim();
  k = await kubectlFor(sim);
  await sim.cluster('dev').create(namespace('batch'));
});

afterAll(async () => {
  await sim.stop();
});

describe('batch and cluster basics against kube-sim', () => {
  it('a Job runs its pod to completion: kubectl wait --for=condition=complete, status and columns', async () => {
    await must(k('apply', '-f', await manifest(job('once', 'busybox:1.36'))));
    expect(await must(k('-n', 'batch', 'wait', '--for=condition=complete', 'job/once', '--timeout=30s'))).toBe('job.batch/once condition met\n');
    const j = JSON.parse(await must(k('-n', 'batch', 'get', 'job', 'once', '-o', 'json'))) as { status: Record<string, unknown> };
    expect(j.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0 });
    expect(typeof j.status.completionTime).toBe('string');
    expect((j.status.conditions as { type: string; status: string }[]).map((c) => [c.type, c.status])).toEqual([['SuccessCriteriaMet', 'True'], ['Complete', 'True']]);
    const pods = sim.cluster('dev').list('v1', 'Pod', 'batch').filter((p) => p.metadata.labels?.['job-name'] === 'once');
    expect(pods).toHaveLength(1);
    const status = pods[0]?.status as { phase: string; containerStatuses: { state: { terminated: { exitCode: number; reason: string } } }[] };
    expect(status.phase).toBe('Succeeded');
    expect(status.containerStatuses[0]?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(await must(k('-n', 'batch', 'get', 'jobs', 'once'))).toMatch(/NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\nonce\s+Complete\s+1\/1\s+\d+s\s+\d+s\n/);
    expect(await must(k('-n', 'batch', 'get', 'pods', '-l', 'job-name=once'))).toMatch(/once-\w{5}\s+0\/1\s+Completed\s+0\s+/);
  });

  it('a Job whose pods fail past backoffLimit ends Failed with BackoffLimitExceeded', async () => {
    await must(k('apply', '-f', await manifest(job('doomed', 'registry.example.com/tool:broken'))));
    expect(await must(k('-n', 'batch', 'wait', '--for=condition=failed', 'job/doomed', '--timeout=30s'))).toBe('job.batch/doomed condition met\n');
    const j = sim.cluster('dev').get('batch/v1', 'Job', 'batch', 'doomed');
    expect(j?.status).toMatchObject({ failed: 2, conditions: [{ type: 'FailureTarget', reason: 'BackoffLimitExceeded' }, { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] });
    expect(await must(k('-n', 'batch', 'get', 'job', 'doomed'))).toMatch(/doomed\s+Failed\s+0\/1\s+/);
  });

  it('a CronJob creates Jobs on its schedule (the simulation clock) and lists them', async () => {
    await must(k('apply', '-f', await manifest({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'batch' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox:1.36' }] } } } } },
    })));
    const made = await until(() => sim.cluster('dev').list('batch/v1', 'Job', 'batch').find((j) => j.metadata.ownerReferences?.[0]?.name === 'tick'), 'a Job from the CronJob');
    expect(made.metadata.name).toMatch(/^tick-\d+$/);
    expect(made.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toMatch(/:00Z$/);
    await until(() => ((sim.cluster('dev').get('batch/v1', 'CronJob', 'batch', 'tick')?.status as { lastScheduleTime?: string } | undefined)?.lastScheduleTime), 'lastScheduleTime');
    expect(await must(k('-n', 'batch', 'get', 'cronjobs'))).toMatch(/NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\ntick\s+\* \* \* \* \*\s+<none>\s+False\s+\d+\s+\d+s\s+\d+s\n/);
  });

  it('every namespace gets a default ServiceAccount; default/kubernetes exists', async () => {
    await sim.cluster('dev').create(namespace('fresh'));
    await sim.cluster('dev').settle();
    expect(await must(k('-n', 'fresh', 'get', 'sa'))).toMatch(/^NAME\s+SECRETS\s+AGE\ndefault\s+0\s+\d+s\n$/);
    const svc = JSON.parse(await must(k('-n', 'default', 'get', 'svc', 'kubernetes', '-o', 'json'))) as { spec: { clusterIP: string; ports: unknown[] } };
    expect(svc.spec.clusterIP).toBe('10.96.0.1');
    expect(svc.spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    expect(await must(k('-n', 'default', 'get', 'endpoints'))).toMatch(/NAME\s+ENDPOINTS\s+AGE\nkubernetes\s+10\.0\.0\.11:6443,10\.0\.0\.12:6443,10\.0\.0\.13:6443\s+/);
  });

  it('prints the server-side columns of limitranges, leases and CRDs (with additionalPrinterColumns)', async () => {
    await must(k('apply', '-f', await manifest(
      { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'batch' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } },
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
          versions: [{
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            additionalPrinterColumns: [
              { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
              { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
              { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
            ],
          }],
        },
      },
    )));
    await must(k('apply', '-f', await manifest({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'batch' }, spec: { size: 3 }, status: { conditions: [{ type: 'Ready', status: 'True' }] } })));
    expect(await must(k('-n', 'batch', 'get', 'limits'))).toMatch(/^NAME\s+CREATED AT\nlimits\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    expect(await must(k('-n', 'kube-node-lease', 'get', 'leases'))).toMatch(/NAME\s+HOLDER\s+AGE\nnode-a\s+node-a\s+/);
    expect(await must(k('get', 'crd', 'widgets.example.com'))).toMatch(/^NAME\s+CREATED AT\nwidgets\.example\.com\s+\d{4}-/);
    expect(await must(k('-n', 'batch', 'get', 'widgets'))).toMatch(/^NAME\s+SIZE\s+READY\s+AGE\nw1\s+3\s+True\s+\d+s\n$/);
    const all = await must(k('-n', 'batch', 'get', 'jobs,cronjobs,sa,limits'));
    expect(all).toMatch(/NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE/);
    expect(all).toMatch(/serviceaccount\/default\s+0\s+/);
  });

  it('rejects an unsupported field selector with the apiserver\'s 400', async () => {
    const r = await k('get', 'pods', '-A', '--field-selector', 'spec.containers.image=nginx');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('field label not supported: spec.containers.image');
    const ok = await k('get', 'pods', '-A', '--field-selector', 'status.phase=Running,spec.nodeName=node-a');
    expect(ok.code).toBe(0);
    const dep = await k('get', 'deployments', '-A', '--field-selector', 'spec.replicas=1');
    expect(dep.stderr).toContain('field label not supported: spec.replicas');
  });

  it('computes qosClass as the kubelet does and gives every container a unique containerd id', async () => {
    const pod = (name: string, resources: object): object => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'batch' }, spec: { containers: [{ name: 'c', image: 'nginx:1.25', resources }] } });
    await must(k('apply', '-f', await manifest(
      pod('guaranteed', { limits: { cpu: '1', memory: '1Gi' } }),
      pod('burstable', { requests: { cpu: '100m' } }),
      pod('besteffort', {}),
    )));
    await sim.cluster('dev').settle();
    const qos = (name: string): unknown => (sim.cluster('dev').get('v1', 'Pod', 'batch', name)?.status as { qosClass?: string }).qosClass;
    expect([qos('guaranteed'), qos('burstable'), qos('besteffort')]).toEqual(['Guaranteed', 'Burstable', 'BestEffort']);
    const ids = sim.cluster('dev').list('v1', 'Pod', 'batch').flatMap((p: KubeObject) => ((p.status as { containerStatuses?: { containerID: string }[] }).containerStatuses ?? []).map((c) => c.containerID));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(id).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('exec, attach, port-forward and proxy answer clearly that they are not simulated', async () => {
    await must(k('apply', '-f', await manifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shell', namespace: 'batch' }, spec: { containers: [{ name: 'sh', image: 'busybox:1.36' }] } })));
    await sim.cluster('dev').settle();
    expect((await k('-n', 'batch', 'exec', 'shell', '--', 'ls')).stderr).toContain('the simulator does not implement pods/exec');
    expect((await k('-n', 'batch', 'attach', 'shell')).stderr).toContain('the simulator does not implement pods/attach');
    expect((await k('-n', 'batch', 'port-forward', 'shell', '0:80')).stderr).toContain('the simulator does not implement pods/portforward');
    expect((await k('get', '--raw', '/api/v1/nodes/node-a/proxy/metrics')).stderr).toContain('the simulator does not implement nodes/proxy');
    expect((await k('get', '--raw', '/api/v1/namespaces/default/services/kubernetes/proxy/')).stderr).toContain('the simulator does not implement services/proxy');
  });

  it('nodes were created before their conditions last changed', async () => {
    const nodes = JSON.parse(await must(k('get', 'nodes', '-o', 'json'))) as { items: { metadata: { creationTimestamp: string }; status: { conditions: { lastTransitionTime: string }[] } }[] };
    for (const n of nodes.items) for (const c of n.status.conditions) expect(Date.parse(c.lastTransitionTime)).toBeGreaterThanOrEqual(Date.parse(n.metadata.creationTimestamp));
  });

  it('logs -f follows a pod until it ends, and streams a running pod until the client cuts it', async () => {
    await must(k('apply', '-f', await manifest(job('short', 'busybox:1.36', {}, { 'kube-sim.shipmate.io/runtime-ms': '1500' }))));
    const pod = await until(() => sim.cluster('dev').list('v1', 'Pod', 'batch').find((p) => p.metadata.labels?.['job-name'] === 'short' && (p.status as { phase?: string }).phase === 'Running'), 'the Job pod running');
    const followed = await kubectlStream(['-n', 'batch', 'logs', '-f', pod.metadata.name]);
    expect(followed.killed).toBe(false);
    expect(followed.code).toBe(0);
    expect(followed.out).toMatch(/INFO starting work version=1\.36\n/);
    expect(followed.out).toMatch(/INFO http request method=GET/);
    expect((sim.cluster('dev').get('v1', 'Pod', 'batch', pod.metadata.name)?.status as { phase: string }).phase).toBe('Succeeded');

    await must(k('apply', '-f', await manifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'server', namespace: 'batch' }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } })));
    await sim.cluster('dev').settle();
    const cut = await kubectlStream(['-n', 'batch', 'logs', '-f', 'server'], (out) => (out.match(/http request/g) ?? []).length >= 2);
    expect(cut.killed).toBe(true);
    expect(cut.out).toMatch(/INFO listening on :8080\n/);
  });
});
