import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { ensureTools } from '../../../scripts/tools.js';

const run = promisify(execFile);

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const chartDir = join(repoRoot, 'helm-chart');
export const fullValues = join(chartDir, 'ci', 'full-values.yaml');

/** A rendered Kubernetes object, loosely typed: tests read fields by path. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** Runs the real helm binary with an argv array (never a shell string). Rejects with helm's stderr. */
export async function helm(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { helm: bin } = await ensureTools();
  try {
    return await run(bin, args, { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`helm ${args.join(' ')} failed:\n${e.stderr ?? ''}${e.stdout ?? ''}`, { cause: err });
  }
}

export interface RenderOptions {
  valuesFiles?: string[];
  set?: Record<string, string>;
}

function valueArgs(options: RenderOptions): string[] {
  return [
    ...(options.valuesFiles ?? []).flatMap((f) => ['-f', f]),
    ...Object.entries(options.set ?? {}).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
  ];
}

/** `helm template` in namespace `shipmate`, parsed into objects (empty documents dropped). */
export async function render(options: RenderOptions = {}): Promise<K8sObject[]> {
  const { stdout } = await helm(['template', 'rel', chartDir, '--namespace', 'shipmate', ...valueArgs(options)]);
  const docs = parseAllDocuments(stdout);
  const objects: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`rendered YAML does not parse: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as K8sObject | null;
    if (value) objects.push(value);
  }
  return objects;
}

export async function lint(options: RenderOptions = {}): Promise<string> {
  const { stdout } = await helm(['lint', chartDir, '--strict', ...valueArgs(options)]);
  return stdout;
}

export function find(objects: K8sObject[], kind: string, name?: string, namespace?: string): K8sObject {
  const hit = objects.find(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name) && (namespace === undefined || o.metadata.namespace === namespace),
  );
  if (!hit) throw new Error(`no ${kind}${name ? ` ${name}` : ''}${namespace ? ` in ${namespace}` : ''} rendered`);
  return hit;
}

export function all(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}
