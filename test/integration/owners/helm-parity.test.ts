import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import type { OperationRegistry } from '../../../src/core/operation.js';
import { comparable } from '../k8s/support.js';
import { helmHome, helmRunner, ownerAwareOps, planAndRun, releaseRecords, shipmateHelm } from './helm-twins.js';

let sim: KubeSim;
let helm: (...args: string[]) => Promise<string>;
let ops: OperationRegistry;
let chart: string;

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev'] });
  await sim.cluster('dev').create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const home = await helmHome();
  helm = helmRunner(sim, home.env);
  chart = join(home.dir, 'demo');
  await helm('create', chart);
  ops = await ownerAwareOps(sim, { helm: shipmateHelm(sim, home.env) });
});

afterAll(async () => {
  await sim.stop();
});

/** Two releases made the same way: install, then an upgrade of the image tag (revisions 1 and 2). */
async function twins(a: string, b: string): Promise<void> {
  for (const rel of [a, b]) {
    await helm('install', rel, chart, '-n', 'shop', '--set', 'image.tag=1.25.0');
    await helm('upgrade', rel, chart, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.1');
  }
}

const renamed = (value: unknown, rel: string): unknown => JSON.parse(JSON.stringify(value).replace(new RegExp(`\\b${rel}\\b`, 'g'), 'RELEASE'));

function deployment(rel: string): unknown {
  return renamed(comparable(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', `${rel}-demo`)), rel);
}

/** `helm history -o json` without the times (the twins' revisions were made at different moments). */
async function history(rel: string): Promise<unknown> {
  const rows = JSON.parse(await helm('history', rel, '-n', 'shop', '-o', 'json')) as Record<string, unknown>[];
  return rows.map(({ updated: _updated, ...rest }) => rest);
}

/** `helm history` as a table, with the UPDATED column blanked. */
async function historyTable(rel: string): Promise<string> {
  const text = await helm('history', rel, '-n', 'shop');
  return text.replace(/\b\w{3} \w{3}\s+\d+ \d\d:\d\d:\d\d \d{4}\b/g, '<time>').replace(/[ \t]+/g, ' ');
}

async function expectTwinsEqual(a: string, b: string): Promise<void> {
  expect(releaseRecords(sim, b)).toEqual(releaseRecords(sim, a));
  expect(deployment(b)).toEqual(deployment(a));
  expect(await history(b)).toEqual(await history(a));
  expect(await historyTable(b)).toBe(await historyTable(a));
}

describe('Helm-owned apps: Shipmate vs the real helm 3.17 on twin releases', () => {
  it('rollback without a revision equals helm rollback: a new revision "Rollback to 1", the previous one superseded', async () => {
    await twins('ra', 'rb');
    await helm('rollback', 'ra', '-n', 'shop');
    const out = await planAndRun(ops.get('rollback'), { command: 'rollback', app: 'rb', env: 'test' }, 'rb', 'rb-demo');

    expect(out.outcome).toBe('succeeded');
    expect(out.facts).toMatchObject({ strategy: 'helm', fromRevision: 2, toRevision: 1, newRevision: 3 });
    expect(releaseRecords(sim, 'rb').map((r) => [r.version, r.status, r.description])).toEqual([
      ['1', 'superseded', 'Install complete'],
      ['2', 'superseded', 'Upgrade complete'],
      ['3', 'deployed', 'Rollback to 1'],
    ]);
    await expectTwinsEqual('ra', 'rb');
  });

  it('rollback --to N equals helm rollback <rel> N', async () => {
    await twins('ta', 'tb');
    for (const rel of ['ta', 'tb']) await helm('upgrade', rel, chart, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.25.2');
    await helm('rollback', 'ta', '1', '-n', 'shop');
    const out = await planAndRun(ops.get('rollback'), { command: 'rollback', app: 'tb', env: 'test', toRevision: 1 }, 'tb', 'tb-demo');

    expect(out.outcome).toBe('succeeded');
    expect(releaseRecords(sim, 'tb').at(-1)).toMatchObject({ version: '4', status: 'deployed', description: 'Rollback to 1', config: { image: { tag: '1.25.0' } } });
    await expectTwinsEqual('ta', 'tb');
  });

  it('upgrade equals helm upgrade --reuse-values --set image.tag=<tag>, rebuilding the chart from the release record', async () => {
    await twins('ua', 'ub');
    await helm('upgrade', 'ua', chart, '-n', 'shop', '--reuse-values', '--set', 'image.tag=1.26.0');
    const out = await planAndRun(ops.get('upgrade'), { command: 'upgrade', app: 'ub', env: 'test', image: '1.26.0' }, 'ub', 'ub-demo');

    expect(out.outcome).toBe('succeeded');
    expect(out.planSummary).toContain('Helm release ub from revision 2');
    expect(releaseRecords(sim, 'ub').at(-1)).toMatchObject({ version: '3', status: 'deployed', description: 'Upgrade complete', config: { image: { tag: '1.26.0' } } });
    expect(JSON.stringify(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'ub-demo')?.spec)).toContain('nginx:1.26.0');
    await expectTwinsEqual('ua', 'ub');
  });

  it('an upgrade whose pods crash-loop ends rolled back through helm: helm history shows the rollback revision', async () => {
    await twins('ca', 'cb');
    const out = await planAndRun(ops.get('upgrade'), { command: 'upgrade', app: 'cb', env: 'test', image: 'crash-1' }, 'cb', 'cb-demo');

    expect(out.outcome).toBe('failed');
    expect(out.facts).toMatchObject({ strategy: 'helm', rolledBack: true, rolledBackTo: 2 });
    expect(out.sections.map((s) => s.title)).toContain('2. Automatic Helm rollback to revision 2');
    const rows = (await history('cb')) as { revision: number; status: string; description: string }[];
    expect(rows.map((r) => [r.revision, r.status, r.description])).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'superseded', 'Upgrade complete'],
      [3, 'superseded', 'Upgrade complete'],
      [4, 'deployed', 'Rollback to 2'],
    ]);
    expect(JSON.stringify(sim.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'cb-demo')?.spec)).toContain('nginx:1.25.1');
  });
});
