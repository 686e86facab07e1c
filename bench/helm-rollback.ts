/**
 * A Helm-owned app's rollback: the real `helm rollback` alone vs Shipmate's (plan: owner detection,
 * release records, manifest diff, `helm rollback --dry-run`; then execute: `helm rollback` plus the
 * rollout watch), on twin releases in kube-sim. Median of several runs; API requests counted at
 * kube-sim (helm's own requests included on both sides).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startKubeSim } from '../devkit/kube-sim/index.js';
import { context } from '../test/integration/k8s/support.js';
import { helmHome, helmRunner, ownerAwareOps, shipmateHelm } from '../test/integration/owners/helm-twins.js';

const RUNS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function run(): Promise<void> {
  const sim = await startKubeSim({ clusters: ['dev'] });
  try {
    const dev = sim.cluster('dev');
    await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const home = await helmHome();
    const helm = helmRunner(sim, home.env);
    const chart = join(home.dir, 'demo');
    await helm('create', chart);
    for (let i = 0; i < RUNS * 2; i++) {
      await helm('install', `r${i}`, chart, '-n', 'shop', '--set', 'image.tag=1.25.0');
      await helm('upgrade', `r${i}`, chart, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.1');
    }
    await dev.settle(60_000);
    const ops = await ownerAwareOps(sim, { helm: shipmateHelm(sim, home.env) });
    const cli = { ms: [] as number[], reqs: [] as number[] };
    const plan = { ms: [] as number[], reqs: [] as number[] };
    const exec = { ms: [] as number[], reqs: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      dev.resetRequests();
      let t = performance.now();
      await helm('rollback', `r${2 * i}`, '-n', 'shop');
      cli.ms.push(performance.now() - t);
      cli.reqs.push(dev.requests.length);
      const rel = `r${2 * i + 1}`;
      const ctx = context({ command: 'rollback', app: rel, env: 'bench' }, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: `${rel}-demo` } });
      ctx.scope.app = rel;
      dev.resetRequests();
      t = performance.now();
      const p = await ops.get('rollback')!.plan(ctx);
      plan.ms.push(performance.now() - t);
      plan.reqs.push(dev.requests.length);
      dev.resetRequests();
      t = performance.now();
      await ops.get('rollback')!.execute(ctx, p);
      exec.ms.push(performance.now() - t);
      exec.reqs.push(dev.requests.length);
    }
    const line = (name: string, m: { ms: number[]; reqs: number[] }): string => `  ${name.padEnd(36)}: ${median(m.ms).toFixed(0)} ms, ${median(m.reqs)} API requests`;
    console.log(`Helm rollback, median of ${RUNS} runs against kube-sim`);
    console.log(line('helm rollback (CLI)', cli));
    console.log(line('Shipmate plan (incl. helm --dry-run)', plan));
    console.log(line('Shipmate execute (helm + watch)', exec));
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
