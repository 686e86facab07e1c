import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kubectlPath } from '../../../scripts/tools.js';
import type { KubeSim } from '../../../devkit/kube-sim/index.js';

const run = promisify(execFile);

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real kubectl against a sim cluster (argv array, private discovery cache per sim). */
export async function kubectlFor(sim: KubeSim, context = 'dev'): Promise<(...args: string[]) => Promise<KubectlResult>> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'kube-sim-kubectl-cache-'));
  return async (...args: string[]) => {
    const argv = ['--kubeconfig', sim.kubeconfigPath, '--context', context, '--cache-dir', cacheDir, ...args];
    try {
      const { stdout, stderr } = await run(kubectlPath, argv, { timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
}

/** Start a long-running kubectl (e.g. `get -w`) and resolve once its output satisfies `until`. */
export function kubectlUntil(sim: KubeSim, args: string[], until: (out: string) => boolean, cacheDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath, ['--kubeconfig', sim.kubeconfigPath, '--context', 'dev', '--cache-dir', cacheDir, ...args]);
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`kubectl ${args.join(' ')} never printed what was expected; got:\n${out}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (until(out)) {
        clearTimeout(timer);
        child.kill();
        resolve(out);
      }
    });
  });
}

export async function must(p: Promise<KubectlResult>): Promise<string> {
  const r = await p;
  if (r.code !== 0) throw new Error(`kubectl failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

export function deployment(name: string, namespace: string, image: string, replicas = 2, annotations: Record<string, string> = {}): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, annotations },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}

export function namespace(name: string): object {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}
