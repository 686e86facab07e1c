import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitWorkdir } from '../../../devkit/git-server/index.js';
import { git } from '../../../devkit/git-server/git.js';
import { kubectlPath } from '../../../scripts/tools.js';

const run = promisify(execFile);

/** `shipmate sandbox --seed gitops`, started as a user starts it, until it printed the repository. */
function startSandbox(args: string[]): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox never printed its GitOps repository:\n${output}`)), 120_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (/self-heal after/.test(output)) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited (${code}):\n${output}`));
    });
  });
}

describe('shipmate sandbox --seed gitops (contract)', () => {
  let child: ChildProcess | undefined;
  let output = '';
  const kubectl = async (context: string, ...args: string[]): Promise<unknown> => {
    const kubeconfig = /kubeconfig written to (\S+)/.exec(output)?.[1] ?? '';
    const { stdout } = await run(kubectlPath, ['--kubeconfig', kubeconfig, '--context', context, ...args, '-o', 'json'], { timeout: 30_000 });
    return JSON.parse(stdout) as unknown;
  };

  beforeAll(async () => {
    ({ child, output } = await startSandbox(['--seed', 'gitops', '--clusters', 'dev,prod', '--self-heal-seconds', '7', '--git-token', 'tok-123']));
  }, 150_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('prints the repository, which serves anonymous reads and accepts pushes with the --git-token', async () => {
    const url = /GitOps repository \(smart HTTP, anonymous reads\): (\S+)/.exec(output)?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gitops\.git$/);
    expect(output).toContain('self-heal after 7s');
    const refs = await git(['ls-remote', url, 'refs/heads/main']);
    expect(refs.code).toBe(0);
    const work = await GitWorkdir.clone({ remote: url.replace('http://', 'http://me:tok-123@') });
    try {
      expect((await work.run(['ls-tree', '--name-only', 'HEAD:apps/argo-api/envs'])).stdout.split('\n').filter(Boolean)).toEqual(['dev', 'prod']);
      expect((await work.run(['ls-tree', '--name-only', 'HEAD:apps/flux-web/envs'])).stdout.split('\n').filter(Boolean)).toEqual(['dev', 'prod']);
      await work.commitAndPush({ 'NOTES.md': 'hello\n' }, 'a note');
    } finally {
      await work.remove();
    }
  });

  it('has argo-api (automated, selfHeal) and flux-web with three revisions of history in every cluster', async () => {
    for (const context of ['dev', 'prod']) {
      const app = (await kubectl(context, '-n', 'argocd', 'get', 'applications.argoproj.io', 'argo-api')) as {
        spec: { syncPolicy: { automated: { selfHeal: boolean; prune: boolean } }; destination: { namespace: string } };
        status: { history: unknown[] };
      };
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(app.spec.destination.namespace).toBe('shop');
      expect(app.status.history).toHaveLength(3);
      const ks = (await kubectl(context, '-n', 'flux-system', 'get', 'kustomizations.kustomize.toolkit.fluxcd.io', 'flux-web')) as { status: { history: unknown[] } };
      expect(ks.status.history).toHaveLength(3);
      await kubectl(context, '-n', 'flux-system', 'get', 'gitrepositories.source.toolkit.fluxcd.io', 'flux-web');
      for (const name of ['argo-api', 'flux-web']) await kubectl(context, '-n', 'shop', 'get', 'deployment', name);
    }
  });
});
