import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmPath } from '../../../scripts/tools.js';
import type { KubeObject, KubeSim } from '../../../devkit/kube-sim/index.js';
import type { Invocation } from '../../../src/core/invocation.js';
import type { Operation, OperationRegistry } from '../../../src/core/operation.js';
import type { OperationResult } from '../../../src/core/plan.js';
import { createClusterRegistry } from '../../../src/k8s/client/cluster-registry.js';
import { createHelmCli, type HelmCli } from '../../../src/k8s/helm/helm-cli.js';
import { decodeReleaseData } from '../../../src/k8s/helm/release-record.js';
import { createOperations } from '../../../src/k8s/operations/create-operations.js';
import type { OwnerOptions } from '../../../src/k8s/operations/owned-commands.js';
import { isMutating } from '../../../src/commands/registry.js';
import { runTool } from '../kube-sim/cli-env.js';
import { clientNodeKubeconfig, context, FAST_TIMING, silentLogger } from '../k8s/support.js';

/** A helm home of its own, so tests never read or write the user's helm config. */
export async function helmHome(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'shipmate-helm-'));
  return { dir, env: { HELM_CACHE_HOME: join(dir, 'cache'), HELM_CONFIG_HOME: join(dir, 'config'), HELM_DATA_HOME: join(dir, 'data'), HOME: dir, PATH: process.env['PATH'] ?? '/usr/bin:/bin' } };
}

/** The real helm 3.17 against kube-sim's `dev` context; throws with helm's output on failure. */
export function helmRunner(sim: KubeSim, env: Record<string, string>): (...args: string[]) => Promise<string> {
  return async (...args) => {
    const r = await runTool(helmPath, ['--kubeconfig', sim.kubeconfigPath, '--kube-context', 'dev', ...args], env);
    if (r.code !== 0) throw new Error(`helm ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
}

export function shipmateHelm(sim: KubeSim, env: Record<string, string>): HelmCli {
  return createHelmCli({ path: helmPath, connection: () => ({ kubeContext: 'dev', kubeconfig: sim.kubeconfigPath }), env });
}

/** Shipmate's operations against kube-sim with owner routing and the real helm. */
export async function ownerAwareOps(sim: KubeSim, owners: OwnerOptions): Promise<OperationRegistry> {
  const kubeconfigPath = await clientNodeKubeconfig(sim.kubeconfigPath, sim.kubeconfig);
  const registry = createClusterRegistry({ clusters: { dev: { context: 'dev' } }, kubeconfigPath, logger: silentLogger, requestTimeoutMs: 5_000 });
  return createOperations({ registry, logger: silentLogger, timing: FAST_TIMING, mutates: isMutating, owners: { cacheTtlMs: 0, ...owners } });
}

/** plan, then execute, as the pipeline does (without approval): what a Slack request ends in. */
export async function planAndRun(op: Operation | undefined, invocation: Invocation, app: string, deployment: string): Promise<OperationResult & { planSummary: string }> {
  if (!op) throw new Error(`no operation for ${invocation.command}`);
  const ctx = context(invocation, { cluster: 'dev', namespace: 'shop', workload: { kind: 'Deployment', name: deployment } });
  ctx.scope.app = app;
  const plan = await op.plan(ctx);
  const out = await op.execute(ctx, plan);
  return { ...out, planSummary: plan.summary };
}

export interface RevisionView {
  version: string;
  status: string;
  description: string;
  chart: string;
  config: Record<string, unknown>;
}

/** The release records of one release as helm left them: labels and the decoded record's parts that parity compares. */
export function releaseRecords(sim: KubeSim, release: string): RevisionView[] {
  return sim
    .cluster('dev')
    .list('v1', 'Secret', 'shop')
    .filter((s) => s.metadata.labels?.['owner'] === 'helm' && s.metadata.labels['name'] === release)
    .map((s: KubeObject) => {
      const rec = decodeReleaseData((s as unknown as { data: { release: string } }).data.release);
      return { version: s.metadata.labels?.['version'] ?? '', status: s.metadata.labels?.['status'] ?? '', description: rec.description, chart: rec.chart, config: rec.config };
    })
    .sort((a, b) => Number(a.version) - Number(b.version));
}
