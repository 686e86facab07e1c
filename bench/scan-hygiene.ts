/**
 * Certificate and quota scans over 3 kube-sim clusters holding 10,000 TLS Secrets and 2,000
 * ResourceQuotas in total, paginated at 500. The scan runs in a child process so its wall time
 * and peak RSS are its own, not the simulator's (which lives in this process).
 * Targets: under 5 s and under 250 MB.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { benchBundles, tlsSecret } from '../devkit/certs/seed.js';
import { startKubeSim, type SimCluster } from '../devkit/kube-sim/index.js';
import type { ScanChildReport } from './scan-hygiene-child.js';

const CLUSTERS = ['bench-a', 'bench-b', 'bench-c'];
const SECRETS = 10_000;
const QUOTAS = 2_000;
const NAMESPACES_PER_CLUSTER = 200;

export async function run(): Promise<void> {
  const sim = await startKubeSim({ clusters: CLUSTERS });
  try {
    const seedStart = performance.now();
    const bundles = benchBundles();
    await Promise.all(CLUSTERS.map((name, i) => seedCluster(sim.cluster(name), i, bundles)));
    console.log(`seeded ${SECRETS} TLS Secrets and ${QUOTAS} ResourceQuotas in ${CLUSTERS.length} clusters (${(performance.now() - seedStart).toFixed(0)} ms)`);
    const report = await runChild(sim.kubeconfigPath);
    const requests = CLUSTERS.reduce((n, c) => n + sim.cluster(c).requests.filter((r) => r.method === 'GET').length, 0);
    console.log(`scan of ${report.secrets} TLS Secrets + ${report.quotas} ResourceQuotas (limit 500, ${requests} LIST pages)`);
    console.log(`  wall time : ${report.wallMs.toFixed(0)} ms   (target < 5000 ms)`);
    console.log(`  peak RSS  : ${report.peakRssMb.toFixed(1)} MB  (process baseline ${report.baselineRssMb.toFixed(1)} MB; target < 250 MB)`);
    console.log(`  findings  : ${report.certFindings} certificate, ${report.quotaFindings} quota`);
  } finally {
    await sim.stop();
  }
}

/** Spreads this cluster's share of Secrets and quotas over its namespaces; half of them get a LimitRange. */
async function seedCluster(cluster: SimCluster, index: number, bundles: Record<string, string>[]): Promise<void> {
  const share = (total: number) => Math.floor(total / CLUSTERS.length) + (index < total % CLUSTERS.length ? 1 : 0);
  const ns = (i: number) => `team-${String(i % NAMESPACES_PER_CLUSTER).padStart(3, '0')}`;
  for (let i = 0; i < NAMESPACES_PER_CLUSTER; i++) {
    await cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns(i) } });
    if (i % 2 === 0) await cluster.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: ns(i) }, spec: { limits: [] } });
  }
  for (let i = 0; i < share(SECRETS); i++) await cluster.create(tlsSecret(ns(i), `tls-${i}`, bundles[i % bundles.length] ?? {}));
  for (let i = 0; i < share(QUOTAS); i++) {
    const hard = { 'requests.cpu': '10', 'requests.memory': '20Gi', pods: '50' };
    const used = { 'requests.cpu': `${(i % 11) * 1000}m`, 'requests.memory': `${(i % 21) * 1024}Mi`, pods: String(i % 52) };
    await cluster.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: `q-${i}`, namespace: ns(i) }, spec: { hard }, status: { hard, used } });
  }
}

async function runChild(kubeconfigPath: string): Promise<ScanChildReport> {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'scan-hygiene-child.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, kubeconfigPath, ...CLUSTERS], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ScanChildReport;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
