import { gzipSync } from 'node:zlib';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeReleaseData, releaseFromConfigMap, type HelmRelease } from '../../../../src/k8s/helm/release-record.js';
import { helmImageTag, setStringArg } from '../../../../src/k8s/helm/set-value.js';
import { rebuildChart } from '../../../../src/k8s/helm/chart-rebuild.js';
import { manifestDiff } from '../../../../src/k8s/helm/manifest-diff.js';
import { createSanitizer } from '../../../../src/k8s/objects/sanitize.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'api',
    namespace: 'shop',
    version: 7,
    info: { status: 'deployed', last_deployed: '2026-11-30T10:00:00Z', description: 'Upgrade complete' },
    chart: {
      metadata: { apiVersion: 'v2', name: 'api', version: '1.4.2', appVersion: '1.4.2' },
      templates: [{ name: 'templates/deployment.yaml', data: b64('kind: Deployment\n') }],
      values: { image: { tag: 'v1' } },
      schema: b64('{"type":"object"}'),
      files: [{ name: '.helmignore', data: b64('*.tmp\n') }],
    },
    config: { image: { tag: 'v2' } },
    manifest: '',
    ...overrides,
  };
}

const helmPayload = (rec: unknown): string => gzipSync(Buffer.from(JSON.stringify(rec))).toString('base64');

describe('release records', () => {
  it('decodes what history needs: status, chart, app version, description, updated, values', () => {
    const rel = decodeReleaseData(b64(helmPayload(record())));
    expect(rel).toMatchObject({ version: 7, status: 'deployed', chart: 'api-1.4.2', appVersion: '1.4.2', description: 'Upgrade complete', updated: '2026-11-30T10:00:00Z', config: { image: { tag: 'v2' } } });
    expect(rel.chartData.templates.map((t) => t.name)).toEqual(['templates/deployment.yaml']);
  });

  it('reads ConfigMap storage, whose data is text (one base64 less)', () => {
    const cm = { metadata: { name: 'api.v7', labels: { owner: 'helm', name: 'api' } }, data: { release: helmPayload(record()) } };
    expect(releaseFromConfigMap(cm)?.version).toBe(7);
    expect(releaseFromConfigMap({ metadata: { name: 'other' }, data: { release: helmPayload(record()) } })).toBeUndefined();
  });
});

describe('helm arguments', () => {
  it('accepts only bare OCI tags, saying what to give instead', () => {
    expect(helmImageTag('v1.4.3')).toBe('v1.4.3');
    expect(() => helmImageTag('registry.example.com/api:v1')).toThrow(/give just the tag/);
    expect(() => helmImageTag('v1,replicaCount=0')).toThrow(/not a bare image tag/);
  });

  it('escapes what --set-string treats specially and refuses odd values paths', () => {
    expect(setStringArg('image.tag', 'v1.2')).toBe('image.tag=v1.2');
    expect(setStringArg('image.tag', 'a,b\\c')).toBe('image.tag=a\\,b\\\\c');
    expect(() => setStringArg('image[0].tag', 'v1')).toThrow(/values path/);
  });
});

describe('rebuildChart', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const release = (overrides: Record<string, unknown> = {}): HelmRelease => decodeReleaseData(b64(helmPayload(record(overrides))));

  it('writes Chart.yaml, values.yaml, the schema, templates and other files, and removes them again', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'rebuild-'));
    dirs.push(parent);
    const chart = await rebuildChart(release(), parent);
    expect((await readdir(chart.dir)).sort()).toEqual(['.helmignore', 'Chart.yaml', 'templates', 'values.schema.json', 'values.yaml']);
    expect(await readFile(join(chart.dir, 'Chart.yaml'), 'utf8')).toContain('version: 1.4.2');
    expect(await readFile(join(chart.dir, 'values.yaml'), 'utf8')).toContain('tag: v1');
    await chart.remove();
    expect(await readdir(parent)).toEqual([]);
  });

  it('refuses file names that would leave the chart folder, leaving nothing behind', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'rebuild-'));
    dirs.push(parent);
    const chart = record().chart as Record<string, unknown>;
    await expect(rebuildChart(release({ chart: { ...chart, files: [{ name: '../../etc/evil', data: b64('x') }] } }), parent)).rejects.toThrow(/unsafe name/);
    expect(await readdir(parent)).toEqual([]);
  });

  it('refuses charts with dependencies, which release records do not keep', async () => {
    const chart = record().chart as { metadata: Record<string, unknown> };
    await expect(rebuildChart(release({ chart: { ...chart, metadata: { ...chart.metadata, dependencies: [{ name: 'redis' }] } } }))).rejects.toThrow(/dependencies/);
  });
});

describe('manifestDiff', () => {
  it('diffs rendered objects with Secret data and stringData left out and env values masked', () => {
    const before = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:v1\n        env:\n        - name: TOKEN_HINT\n          value: plain-value\n';
    const after = before.replace('app:v1', 'app:v2').replace('hunter2', 'letmein');
    const diff = manifestDiff(createSanitizer(), 'release/api', before, after);
    expect(diff).toMatch(/^-\s+image: app:v1$/m);
    expect(diff).toMatch(/^\+\s+image: app:v2$/m);
    expect(diff).not.toMatch(/hunter2|letmein|plain-value/);
  });
});
