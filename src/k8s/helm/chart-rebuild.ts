import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { stringify } from 'yaml';
import { InvalidError } from '../../core/errors.js';
import type { HelmRelease } from './release-record.js';

/** A chart written to disk from a release record; `remove()` deletes it. */
export interface RebuiltChart {
  dir: string;
  remove(): Promise<void>;
}

/** A file name from the cluster, checked so it cannot escape the chart folder. */
function safeRelative(name: string): string {
  const n = normalize(name);
  if (name === '' || name.includes('\0') || n.startsWith('..') || n.startsWith(sep) || n.split(sep).includes('..')) {
    throw new InvalidError(`the release record holds a chart file with an unsafe name (${JSON.stringify(name.slice(0, 80))}); refusing to rebuild the chart`);
  }
  return n;
}

/**
 * Writes the chart a revision was made from back to disk, as `helm upgrade` needs a chart: metadata
 * → Chart.yaml, values → values.yaml, schema → values.schema.json, templates and other files at
 * their paths. Helm does not store subcharts in a release, so a chart with dependencies cannot be
 * rebuilt faithfully and is refused rather than upgraded without them.
 */
export async function rebuildChart(release: HelmRelease, parentDir: string = tmpdir()): Promise<RebuiltChart> {
  const c = release.chartData;
  const deps = c.metadata['dependencies'];
  if (Array.isArray(deps) && deps.length > 0) {
    throw new InvalidError(`chart ${release.chart} of release ${release.name} has dependencies, which Helm does not keep in its release records; upgrade it with helm and the chart source`);
  }
  if (typeof c.metadata['name'] !== 'string' || typeof c.metadata['version'] !== 'string') {
    throw new InvalidError(`the record of release ${release.name} revision ${release.version} holds no chart metadata; it cannot be upgraded from the cluster`);
  }
  const dir = await mkdtemp(join(parentDir, 'shipmate-chart-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const write = async (name: string, data: Buffer | string): Promise<void> => {
      const path = join(dir, safeRelative(name));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
    };
    for (const f of [...c.files, ...c.templates]) await write(f.name, Buffer.from(f.data, 'base64'));
    await write('Chart.yaml', stringify(c.metadata));
    await write('values.yaml', stringify(c.values));
    if (c.schema !== '') await write('values.schema.json', Buffer.from(c.schema, 'base64'));
  } catch (err) {
    await remove();
    throw err;
  }
  return { dir, remove };
}
