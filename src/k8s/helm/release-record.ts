import { gunzipSync } from 'node:zlib';
import type { KObject } from '../objects/k8s-object.js';

/** A file of a chart as Helm stores it in a release: its path in the chart and base64 bytes. */
export interface ChartFile {
  name: string;
  data: string;
}

/** The chart a release was made from, as far as the record keeps it (Helm does not store subcharts). */
export interface StoredChart {
  metadata: Record<string, unknown>;
  templates: ChartFile[];
  values: Record<string, unknown>;
  /** values.schema.json, base64; '' when the chart has none. */
  schema: string;
  files: ChartFile[];
}

/** One revision of a Helm 3 release, decoded from its storage record. */
export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  status: string;
  /** `<chart name>-<chart version>`, as `helm history` prints it. */
  chart: string;
  appVersion: string;
  description: string;
  /** info.last_deployed (RFC 3339), '' when absent. */
  updated: string;
  manifest: string;
  /** The user-supplied values of this revision (`helm get values`). */
  config: Record<string, unknown>;
  chartData: StoredChart;
}

export const HELM_RELEASE_TYPE = 'helm.sh/release.v1';
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const files = (v: unknown): ChartFile[] =>
  Array.isArray(v) ? v.flatMap((f) => (typeof obj(f)['name'] === 'string' ? [{ name: str(obj(f)['name']), data: str(obj(f)['data']) }] : [])) : [];

/** Helm's payload (base64 of gzip-or-not JSON) to the release. Throws on anything that is not a record. */
export function decodeHelmPayload(payload: string): HelmRelease {
  const bytes = Buffer.from(payload, 'base64');
  const isGzip = GZIP_MAGIC.every((b, i) => bytes[i] === b);
  const raw = obj(JSON.parse((isGzip ? gunzipSync(bytes) : bytes).toString('utf8')));
  if (typeof raw['name'] !== 'string') throw new Error('not a Helm release record (no name)');
  const info = obj(raw['info']);
  const chart = obj(raw['chart']);
  const meta = obj(chart['metadata']);
  return {
    name: raw['name'],
    namespace: str(raw['namespace']),
    version: typeof raw['version'] === 'number' ? raw['version'] : 0,
    status: str(info['status']) || 'unknown',
    chart: [meta['name'], meta['version']].filter((p) => typeof p === 'string').join('-'),
    appVersion: str(meta['appVersion']),
    description: str(info['description']),
    updated: str(info['last_deployed']),
    manifest: str(raw['manifest']),
    config: obj(raw['config']),
    chartData: { metadata: meta, templates: files(chart['templates']), values: obj(chart['values']), schema: str(chart['schema']), files: files(chart['files']) },
  };
}

/**
 * Decodes `data.release` of a Helm 3 release Secret as read over REST: base64 (the Secret's own
 * encoding) of base64 (Helm's) of gzip (when the bytes start 1f 8b 08) of JSON.
 */
export function decodeReleaseData(data: string): HelmRelease {
  return decodeHelmPayload(Buffer.from(data, 'base64').toString('latin1'));
}

/** The release in a Secret, or undefined when the Secret is not a Helm 3 release record. */
export function releaseFromSecret(secret: KObject): HelmRelease | undefined {
  if (secret['type'] !== HELM_RELEASE_TYPE) return undefined;
  const data = (secret['data'] as Record<string, unknown> | undefined)?.['release'];
  return typeof data === 'string' ? decodeReleaseData(data) : undefined;
}

/** The release in a ConfigMap (HELM_DRIVER=configmap): ConfigMap data is text, so one base64 less. */
export function releaseFromConfigMap(cm: KObject): HelmRelease | undefined {
  if (cm.metadata?.labels?.['owner'] !== 'helm') return undefined;
  const data = (cm['data'] as Record<string, unknown> | undefined)?.['release'];
  return typeof data === 'string' ? decodeHelmPayload(data) : undefined;
}
