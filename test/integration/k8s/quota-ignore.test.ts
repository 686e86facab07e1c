import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { scanQuotas } from '../../../src/k8s/scans/quota-scan.js';
import { scanClientsFor } from '../alerts/kube-clients.js';

/** Issue 9 item 13: quota findings skip the configured namespaces (default: the system ones). */
let sim: KubeSim;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'] });
  const dev = sim.cluster('dev');
  for (const ns of ['kube-system', 'sandbox', 'shop']) {
    if (!dev.get('v1', 'Namespace', undefined, ns)) await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const hard = { pods: '10' };
    await dev.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'full', namespace: ns }, spec: { hard }, status: { hard, used: { pods: '10' } } });
  }
});
afterAll(async () => {
  await sim?.stop();
});

const scan = (ignoreNamespaces?: string[]) =>
  scanQuotas(scanClientsFor(sim.kubeconfigPath, 'dev'), {
    cluster: 'dev',
    thresholds: { warnPercent: 80, criticalPercent: 95, ...(ignoreNamespaces ? { ignoreNamespaces } : {}) },
  });

function namespacesWithQuotaFindings(result: Awaited<ReturnType<typeof scanQuotas>>): string[] {
  if (!result.ok) throw new Error(result.reason);
  return [...new Set(result.findings.filter((f) => f.object.startsWith('resourcequota/')).map((f) => f.namespace))].sort();
}

describe('quota findings and ignored namespaces', () => {
  it('skip the system namespaces by default', async () => {
    expect(namespacesWithQuotaFindings(await scan())).toEqual(['sandbox', 'shop']);
  });

  it('skip exactly the configured namespaces when configured', async () => {
    const result = await scan(['sandbox']);
    expect(namespacesWithQuotaFindings(result)).toEqual(['kube-system', 'shop']);
    expect(result.ok && result.findings.some((f) => f.namespace === 'sandbox')).toBe(false);
  });
});
