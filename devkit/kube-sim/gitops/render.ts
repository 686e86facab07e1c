import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../types.js';
import { isObj } from '../types.js';

export interface Tools {
  kubectl: string;
  helm: string;
}

export type SourceType = 'Kustomize' | 'Helm' | 'Directory';

export interface Rendered {
  sourceType: SourceType;
  objects: KubeObject[];
}

export interface HelmInput {
  releaseName: string;
  namespace: string;
  valueFiles?: string[];
  values?: unknown;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<string> {
  return new Promise((done, fail) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) fail(new Error(String(stderr).trim() || err.message));
      else done(String(stdout));
    });
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Resolve `path` inside `root`, refusing `..` escapes (paths come from custom resources). */
export function inside(root: string, path: string): string {
  const full = resolve(root, path || '.');
  const rel = relative(root, full);
  if (rel.startsWith('..') || rel.split(sep).includes('..')) throw new Error(`path "${path}" leaves the repository`);
  return full;
}

export function parseManifests(text: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]?.message ?? 'parse error'}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isObj(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !isObj(value.metadata)) {
      throw new Error('every manifest needs apiVersion, kind and metadata');
    }
    if (value.kind.endsWith('List') && Array.isArray(value.items)) out.push(...(value.items as KubeObject[]));
    else out.push(value as KubeObject);
  }
  return out;
}

async function yamlFiles(dir: string, recurse: boolean): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory() && recurse) out.push(...(await yamlFiles(full, true)));
    else if (entry.isFile() && /\.(ya?ml|json)$/.test(entry.name)) out.push(full);
  }
  return out;
}

function helmEnv(cacheRoot: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HELM_CACHE_HOME: join(cacheRoot, 'helm', 'cache'),
    HELM_CONFIG_HOME: join(cacheRoot, 'helm', 'config'),
    HELM_DATA_HOME: join(cacheRoot, 'helm', 'data'),
  };
}

async function helmTemplate(tools: Tools, dir: string, helm: HelmInput, cacheRoot: string): Promise<string> {
  const args = ['template', helm.releaseName, dir, '--namespace', helm.namespace];
  for (const f of helm.valueFiles ?? []) args.push('--values', inside(dir, f));
  let tmp: string | undefined;
  if (helm.values !== undefined && helm.values !== null) {
    tmp = await mkdtemp(join(cacheRoot, 'values-'));
    await writeFile(join(tmp, 'values.json'), JSON.stringify(helm.values));
    args.push('--values', join(tmp, 'values.json'));
  }
  try {
    return await run(tools.helm, args, helmEnv(cacheRoot));
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Render a directory of a checkout with the real tools, the way Argo CD's repo-server and Flux's
 * controllers choose: a kustomization file → `kubectl kustomize`; a Chart.yaml → `helm template`;
 * otherwise the YAML/JSON files themselves (Flux walks sub-directories, Argo CD by default not).
 */
export async function renderPath(opts: { tools: Tools; root: string; path: string; cacheRoot: string; helm?: HelmInput; recurse?: boolean }): Promise<Rendered> {
  const dir = inside(opts.root, opts.path);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new Error(`app path does not exist: ${opts.path}`);
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    if (await isFile(join(dir, name))) {
      return { sourceType: 'Kustomize', objects: parseManifests(await run(opts.tools.kubectl, ['kustomize', dir], { PATH: process.env.PATH ?? '/usr/bin:/bin' })) };
    }
  }
  if (await isFile(join(dir, 'Chart.yaml'))) {
    const helm = opts.helm ?? { releaseName: 'release', namespace: 'default' };
    return { sourceType: 'Helm', objects: parseManifests(await helmTemplate(opts.tools, dir, helm, opts.cacheRoot)) };
  }
  const objects: KubeObject[] = [];
  for (const file of await yamlFiles(dir, opts.recurse ?? false)) objects.push(...parseManifests(await readFile(file, 'utf8')));
  return { sourceType: 'Directory', objects };
}
