import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import { parseConfig } from '../../../src/config/index.js';
import { DEMO_CONFIG_YAML } from '../../../src/cli/demo-config.js';
import type { OperationRegistry } from '../../../src/core/operation.js';
import { helmHome, helmRunner, ownerAwareOps, planAndRun, shipmateHelm } from './helm-twins.js';

let sim: KubeSim;
let helm: (...args: string[]) => Promise<string>;
let ops: OperationRegistry;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'], seed: 'demo' });
  const home = await helmHome();
  helm = helmRunner(sim, home.env);
  const parsed = parseConfig(DEMO_CONFIG_YAML);
  if (!parsed.ok) throw new Error('demo config invalid');
  ops = await ownerAwareOps(sim, { helm: shipmateHelm(sim, home.env), pinOf: (app) => parsed.config.apps[app]?.owner });
});

afterAll(async () => {
  await sim.stop();
});

describe('the demo seed: helm-api is a Helm release that the real helm and Shipmate both operate', () => {
  it('has two Helm revisions, the latest deployed, matching the live Deployment', async () => {
    const rows = JSON.parse(await helm('history', 'helm-api', '-n', 'shop', '-o', 'json')) as { revision: number; status: string; description: string; chart: string }[];
    expect(rows.map((r) => [r.revision, r.status, r.description, r.chart])).toEqual([
      [1, 'superseded', 'Install complete', 'helm-api-0.1.0'],
      [2, 'deployed', 'Upgrade complete', 'helm-api-0.1.0'],
    ]);
    expect(JSON.stringify(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'helm-api')?.spec)).toContain('registry.example.com/shop/helm-api:v1.1.0');
  });

  it('is rolled back by Shipmate through helm, pinned by the demo config', async () => {
    const out = await planAndRun(ops.get('rollback'), { command: 'rollback', app: 'helm-api', env: 'dev' }, 'helm-api', 'helm-api');
    expect(out.outcome).toBe('succeeded');
    expect(out.facts).toMatchObject({ strategy: 'helm', toRevision: 1, newRevision: 3 });
    expect(JSON.stringify(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'helm-api')?.spec)).toContain('registry.example.com/shop/helm-api:v1.0.0');
  });
});
