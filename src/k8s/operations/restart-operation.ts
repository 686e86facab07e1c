import { PatchStrategy } from '@kubernetes/client-node';
import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject, PodTemplate } from '../objects/k8s-object.js';
import { getWorkload } from '../client/kube-call.js';
import { withRetry } from '../client/retry.js';
import { yamlDiff } from '../objects/spec-diff.js';
import { clientsOf, retryOptions, type OperationDeps, type OperationBody } from './operation-deps.js';
import { dryRun } from './dry-run.js';
import { requireWorkload, wl, workloadFingerprint, workloadTarget } from './workload-scope.js';
import { rolloutResult } from './rollout-step.js';
import { patchWorkload, workloadOperation } from './workload-operation.js';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** RFC 3339 without fractional seconds, as Go's time.RFC3339 formats it. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function restartPatch(at: string): unknown {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } };
}

function checkRestartable(obj: KObject): void {
  if (obj.kind === 'Deployment' && (obj['spec'] as { paused?: boolean } | undefined)?.paused === true) {
    throw new InvalidError("can't restart paused deployment (run rollout resume first)");
  }
}

async function sendRestart(clients: ClusterClients, ctx: OperationContext, at: string, dry: boolean, warnings?: string[]): Promise<KObject> {
  return patchWorkload(clients, ctx, { body: restartPatch(at), contentType: PatchStrategy.StrategicMergePatch }, { dryRun: dry, warnings });
}

/** `/k8s restart`: kubectl `rollout restart` (restartedAt annotation), then watch. */
export function restartOperation(deps: OperationDeps): OperationBody {
  return workloadOperation(deps, {
    command: 'restart',
    async plan(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      checkRestartable(obj);
      const at = rfc3339(new Date());
      const annotations = ((obj['spec'] as { template?: PodTemplate } | undefined)?.template?.metadata?.annotations) ?? {};
      return {
        target: workloadTarget(ctx),
        summary: `restart ${wl(w)} (rolling restart of its pods)`,
        diff: yamlDiff(deps.sanitizer, `${wl(w)}/spec/template/metadata/annotations`, annotations, { ...annotations, [RESTARTED_AT]: at }),
        dryRun: await dryRun((warnings) => sendRestart(clients, ctx, at, true, warnings)),
        fingerprint: workloadFingerprint(obj, 'restart'),
        noop: false,
        facts: {},
      };
    },
    async fingerprint(ctx) {
      const w = requireWorkload(ctx);
      return workloadFingerprint(await getWorkload(clientsOf(deps, ctx), w, w.namespace, ctx.signal), 'restart');
    },
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const at = rfc3339(new Date());
      await withRetry(
        async () => {
          checkRestartable(await getWorkload(clients, w, w.namespace, ctx.signal));
          return sendRestart(clients, ctx, at, false);
        },
        retryOptions(deps, ctx),
      );
      return rolloutResult(ctx, clients, w, `${wl(w)} restarted at ${at}`, { restartedAt: at });
    },
  });
}
