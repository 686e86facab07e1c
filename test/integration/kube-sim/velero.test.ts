import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';
import { startKubeSim } from '../../../devkit/kube-sim/index.js';
import { manifest } from './files.js';
import type { KubectlResult } from './kubectl.js';
import { kubectlFor, must } from './kubectl.js';

/** Velero's backup controller in the demo world: Backups move New → InProgress → a terminal phase. */
let sim: KubeSim;
let k: (...args: string[]) => Promise<KubectlResult>;

function backup(name: string, annotations: Record<string, string> = {}, storageLocation?: string): object {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: 'velero', annotations },
    spec: { includedNamespaces: ['shop'], ttl: '720h0m0s', snapshotVolumes: false, ...(storageLocation ? { storageLocation } : {}) },
  };
}

interface BackupStatus {
  phase: string;
  startTimestamp?: string;
  completionTimestamp?: string;
  expiration?: string;
  progress?: { itemsBackedUp: number; totalItems: number };
  errors?: number;
  warnings?: number;
  failureReason?: string;
  validationErrors?: string[];
}

/** The phases a Backup went through, replayed by a watch from before it was created. */
async function phasesSince(resourceVersion: string, name: string): Promise<string[]> {
  const url = `${sim.url('dev')}/apis/velero.io/v1/namespaces/velero/backups?watch=true&resourceVersion=${resourceVersion}&fieldSelector=metadata.name%3D${name}&timeoutSeconds=1`;
  const text = await (await fetch(url)).text();
  const phases = text.trim().split('\n').map((line) => (JSON.parse(line) as { object: { status?: BackupStatus } }).object.status?.phase ?? 'New');
  return phases.filter((p, i) => p !== phases[i - 1]);
}

async function statusOf(name: string): Promise<BackupStatus> {
  return (JSON.parse(await must(k('-n', 'velero', 'get', 'backups.velero.io', name, '-o', 'json'))) as { status: BackupStatus }).status;
}

beforeAll(async () => {
  sim = await startKubeSim({ seed: 'demo' });
  k = await kubectlFor(sim);
  await sim.cluster('dev').settle();
});

afterAll(async () => {
  await sim.stop();
});

describe('Velero backups in kube-sim', () => {
  it('a Backup goes InProgress with item counts, then Completed with timestamps and expiration', async () => {
    const list = (await (await fetch(`${sim.url('dev')}/apis/velero.io/v1/namespaces/velero/backups`)).json()) as { metadata: { resourceVersion: string } };
    await must(k('apply', '-f', await manifest(backup('nightly'))));
    expect(await must(k('-n', 'velero', 'wait', '--for=jsonpath={.status.phase}=Completed', 'backups.velero.io/nightly', '--timeout=30s'))).toBe('backup.velero.io/nightly condition met\n');
    expect(await phasesSince(list.metadata.resourceVersion, 'nightly')).toEqual(['New', 'InProgress', 'Completed']);
    const s = await statusOf('nightly');
    const shopObjects = ['v1/Pod', 'v1/Service', 'apps/v1/Deployment', 'apps/v1/ReplicaSet', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'v1/Event']
      .map((t) => { const i = t.lastIndexOf('/'); return sim.cluster('dev').list(t.slice(0, i), t.slice(i + 1), 'shop').length; })
      .reduce((a, b) => a + b, 0);
    expect(s.progress?.totalItems).toBeGreaterThanOrEqual(shopObjects);
    expect(s.progress?.itemsBackedUp).toBe(s.progress?.totalItems);
    expect(s).toMatchObject({ phase: 'Completed', errors: 0, warnings: 0 });
    const start = Date.parse(s.startTimestamp ?? '');
    expect(Date.parse(s.completionTimestamp ?? '')).toBeGreaterThanOrEqual(start);
    expect(Date.parse(s.expiration ?? '') - start).toBe(720 * 3_600_000);
  });

  it('ends PartiallyFailed or Failed when a test asks through the outcome annotation', async () => {
    await must(k('apply', '-f', await manifest(
      backup('partial', { 'kube-sim.shipmate.io/backup-outcome': 'PartiallyFailed' }),
      backup('broken', { 'kube-sim.shipmate.io/backup-outcome': 'Failed' }),
    )));
    await must(k('-n', 'velero', 'wait', '--for=jsonpath={.status.phase}=PartiallyFailed', 'backups.velero.io/partial', '--timeout=30s'));
    await must(k('-n', 'velero', 'wait', '--for=jsonpath={.status.phase}=Failed', 'backups.velero.io/broken', '--timeout=30s'));
    expect(await statusOf('partial')).toMatchObject({ phase: 'PartiallyFailed', errors: 1, warnings: 1 });
    const failed = await statusOf('broken');
    expect(failed).toMatchObject({ phase: 'Failed', failureReason: 'simulated failure: error uploading backup to object storage' });
    expect(failed.progress?.itemsBackedUp).toBeLessThan(failed.progress?.totalItems ?? 0);
  });

  it('fails validation when the named storage location does not exist', async () => {
    await must(k('apply', '-f', await manifest(backup('nowhere', {}, 'missing'))));
    await must(k('-n', 'velero', 'wait', '--for=jsonpath={.status.phase}=FailedValidation', 'backups.velero.io/nowhere', '--timeout=30s'));
    expect((await statusOf('nowhere')).validationErrors?.[0]).toContain("'missing'");
  });
});
