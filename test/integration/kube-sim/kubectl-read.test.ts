import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import type { KubectlResult } from './kubectl.js';
import { deployment, kubectlFor, kubectlUntil, must, namespace } from './kubectl.js';

let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

beforeAll(async () => {
  sim = await startKubeSim({ timing: { crashBackoffMs: 60 } });
  k = await kubectlFor(sim);
  const dev = sim.cluster('dev');
  await dev.create(namespace('apps'));
  await dev.create(deployment('web', 'apps', 'nginx:1.25', 2));
  await dev.create(deployment('crashy', 'apps', 'registry.example.com/crashy:v2-broken', 1));
  await dev.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'duo', namespace: 'apps' },
    spec: { containers: [{ name: 'main', image: 'app:1' }, { name: 'sidecar', image: 'proxy:1' }] },
  });
  await dev.settle();
  // Wait for at least one crash so --previous has something to show.
  while (!dev.list('v1', 'Pod', 'apps').some((p) => p.metadata.name.startsWith('crashy-') && JSON.stringify(p.status).includes('"restartCount":1'))) {
    await new Promise((r) => setTimeout(r, 20));
  }
});

afterAll(async () => {
  await sim.stop();
});

describe('kubectl reads against kube-sim', () => {
  it('get -o wide prints the server-side columns', async () => {
    const pods = await must(k('-n', 'apps', 'get', 'pods', '-o', 'wide'));
    expect(pods).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
    expect(pods).toMatch(/web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-[abc]/);
    expect(pods).toMatch(/crashy-\S+\s+0\/1\s+(CrashLoopBackOff|Running)\s+\d+/);
    const deploy = await must(k('-n', 'apps', 'get', 'deploy', '-o', 'wide'));
    expect(deploy).toMatch(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(deploy).toMatch(/web\s+2\/2\s+2\s+2\s+\S+\s+app\s+nginx:1\.25\s+app=web/);
    const rs = await must(k('-n', 'apps', 'get', 'rs', '-o', 'wide'));
    expect(rs).toMatch(/NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE/);
    const nodes = await must(k('get', 'nodes', '-o', 'wide'));
    expect(nodes).toMatch(/node-a\s+Ready\s+<none>\s+\S+\s+v1\.31\.4\s+10\.0\.0\.11/);
    const ns = await must(k('get', 'ns'));
    expect(ns).toMatch(/apps\s+Active/);
    expect(ns).toMatch(/kube-system\s+Active/);
  });

  it('get -o json returns the stored objects', async () => {
    const list = JSON.parse(await must(k('-n', 'apps', 'get', 'deploy', '-o', 'json'))) as { items: { metadata: { name: string }; status: { readyReplicas: number } }[] };
    expect(list.items.map((i) => i.metadata.name).sort()).toEqual(['crashy', 'web']);
    expect(list.items.find((i) => i.metadata.name === 'web')?.status.readyReplicas).toBe(2);
    const node = JSON.parse(await must(k('get', 'node', 'node-a', '-o', 'json'))) as { status: { nodeInfo: { kubeletVersion: string } } };
    expect(node.status.nodeInfo.kubeletVersion).toBe('v1.31.4');
  });

  it('describe deployment, pod and node show ReplicaSets, conditions and events', async () => {
    const d = await must(k('-n', 'apps', 'describe', 'deployment', 'web'));
    expect(d).toMatch(/Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/);
    expect(d).toMatch(/NewReplicaSet:\s+web-\S+ \(2\/2 replicas created\)/);
    expect(d).toContain('ScalingReplicaSet');
    const podName = sim.cluster('dev').list('v1', 'Pod', 'apps').find((p) => p.metadata.name.startsWith('crashy-'))?.metadata.name ?? '';
    const pod = await must(k('-n', 'apps', 'describe', 'pod', podName));
    expect(pod).toMatch(/Node:\s+node-[abc]\/10\.0\.0\.\d+/);
    // Between back-offs a crash-looping container is briefly Running again, as on a real kubelet.
    expect(pod).toMatch(/State:\s+(Waiting\s+Reason:\s+CrashLoopBackOff|Running)/);
    expect(pod).toMatch(/Last State:\s+Terminated/);
    expect(pod).toContain('Back-off restarting failed container');
    expect(pod).toContain('Successfully assigned apps/');
    const node = await must(k('describe', 'node', 'node-a'));
    expect(node).toMatch(/Ready\s+True/);
    expect(node).toContain('Kubelet Version:            v1.31.4');
  });

  it('logs: current, --previous on a crash-looping pod, and the apiserver 400s', async () => {
    const logs = await must(k('-n', 'apps', 'logs', 'deployment/web', '--tail=2'));
    expect(logs.trim().split('\n').length).toBeLessThanOrEqual(2);
    const crashy = sim.cluster('dev').list('v1', 'Pod', 'apps').find((p) => p.metadata.name.startsWith('crashy-'))?.metadata.name ?? '';
    const previous = await must(k('-n', 'apps', 'logs', crashy, '--previous'));
    expect(previous).toContain('panic:');
    const web = sim.cluster('dev').list('v1', 'Pod', 'apps').find((p) => p.metadata.name.startsWith('web-'))?.metadata.name ?? '';
    const noPrevious = await k('-n', 'apps', 'logs', web, '--previous');
    expect(noPrevious.stderr).toContain(`previous terminated container "app" in pod "${web}" not found`);
    const res = await fetch(`${sim.url('dev')}/api/v1/namespaces/apps/pods/duo/log`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe('a container name must be specified for pod duo, choose one of: [main sidecar]');
    const ts = await must(k('-n', 'apps', 'logs', 'duo', '-c', 'sidecar', '--timestamps'));
    expect(ts).toMatch(/^\d{4}-\d\d-\d\dT\S+Z /);
  });

  it('get --watch prints new pods as they appear', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'kube-sim-watch-'));
    const watching = kubectlUntil(sim, ['-n', 'apps', 'get', 'pods', '--watch'], (out) => out.includes('late-pod'), cache);
    while (!sim.cluster('dev').requests.some((r) => r.query.watch === 'true' || r.query.watch === '1')) await new Promise((r) => setTimeout(r, 20));
    await sim.cluster('dev').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late-pod', namespace: 'apps' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } });
    const out = await watching;
    expect(out).toMatch(/NAME\s+READY\s+STATUS/);
    expect(out).toContain('late-pod');
  });
});
