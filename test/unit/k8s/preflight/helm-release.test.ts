import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { currentReleases, decodeReleaseData, manifestObjects, releaseFromSecret, revisionOfSecret, type HelmRelease } from '../../../../src/k8s/preflight/helm-release.js';

const MANIFEST = [
  '---',
  '# Source: legacy/templates/ingress.yaml',
  'apiVersion: extensions/v1beta1',
  'kind: Ingress',
  'metadata:',
  '  name: legacy-web',
  '---',
  '# Source: legacy/templates/deployment.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: legacy',
  'spec:',
  '  replicas: 2',
  '',
].join('\n');

function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'legacy',
    namespace: 'shop',
    version: 3,
    info: { status: 'deployed', first_deployed: '2024-01-01T00:00:00Z', last_deployed: '2024-02-01T00:00:00Z', description: 'Upgrade complete' },
    chart: { metadata: { name: 'legacy', version: '0.4.1', appVersion: '2.0.0' } },
    config: {},
    manifest: MANIFEST,
    ...overrides,
  };
}

/** What the API server returns in `data.release`: base64 of Helm's base64 of gzip of the JSON record. */
function encode(rec: unknown, gzip = true): string {
  const json = Buffer.from(JSON.stringify(rec));
  const helmValue = (gzip ? gzipSync(json) : json).toString('base64');
  return Buffer.from(helmValue).toString('base64');
}

describe('decodeReleaseData', () => {
  it('decodes base64(base64(gzip(JSON))) as the REST API serves a Helm 3 release Secret', () => {
    expect(decodeReleaseData(encode(record()))).toMatchObject({ name: 'legacy', namespace: 'shop', version: 3, status: 'deployed', chart: 'legacy-0.4.1', manifest: MANIFEST });
  });

  it('accepts a record that was stored without gzip', () => {
    expect(decodeReleaseData(encode(record({ version: 1 }), false)).version).toBe(1);
  });

  it('throws on data that is not a release record', () => {
    expect(() => decodeReleaseData(Buffer.from('not a release').toString('base64'))).toThrow();
  });
});

describe('releaseFromSecret', () => {
  it('reads only Secrets of type helm.sh/release.v1', () => {
    const data = { release: encode(record()) };
    expect(releaseFromSecret({ type: 'helm.sh/release.v1', metadata: { name: 'sh.helm.release.v1.legacy.v3' }, data })?.name).toBe('legacy');
    expect(releaseFromSecret({ type: 'Opaque', metadata: { name: 'x' }, data })).toBeUndefined();
  });
});

describe('currentReleases', () => {
  const rel = (name: string, version: number, status: string): Pick<HelmRelease, 'name' | 'namespace' | 'version' | 'status' | 'chart' | 'manifest'> => ({ name, namespace: 'shop', version, status, chart: '', manifest: '' });

  it('keeps per release the newest deployed revision, else the newest of any status', () => {
    const picked = currentReleases([rel('a', 1, 'superseded'), rel('a', 2, 'deployed'), rel('a', 3, 'failed'), rel('b', 1, 'failed'), rel('b', 2, 'pending-install')]);
    expect(picked.map((r) => `${r.name}@${r.version}`)).toEqual(['a@2', 'b@2']);
  });

  it('can choose from Secret labels alone, so only current records need decoding', () => {
    const secret = (version: number, status: string) => ({
      type: 'helm.sh/release.v1',
      metadata: { name: `sh.helm.release.v1.a.v${version}`, labels: { name: 'a', owner: 'helm', status, version: String(version) } },
    });
    const revisions = [secret(1, 'superseded'), secret(2, 'deployed'), { type: 'Opaque', metadata: { name: 'other' } }].flatMap((s) => revisionOfSecret(s) ?? []);
    expect(currentReleases(revisions).map((r) => r.secret.metadata?.name)).toEqual(['sh.helm.release.v1.a.v2']);
  });
});

describe('manifestObjects', () => {
  it('lists apiVersion, kind and name of each document and skips empty or broken ones', () => {
    const text = `${MANIFEST}---\n# only a comment\n---\nkind: [unclosed\n---\n- a list\n`;
    expect(manifestObjects(text)).toEqual([
      { apiVersion: 'extensions/v1beta1', kind: 'Ingress', name: 'legacy-web' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'legacy' },
    ]);
  });
});
