import { CancelledError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { OperationResult } from '../../core/plan.js';
import { describeNodeState } from './current-state.js';
import { getNode, nodeFingerprint, setCordon } from '../nodes/cordon.js';
import { drainNode, podsOnNode } from '../nodes/drain.js';
import { selectPodsToEvict } from '../nodes/drain-filters.js';
import { provenanceAnnotations } from '../objects/provenance.js';
import { provenanceOf } from './request-provenance.js';
import { clientsOf, type OperationDeps, type OperationBody } from './operation-deps.js';
import { dryRun } from './dry-run.js';
import { report, result } from './outcome.js';
import { nodeName, nodeTarget } from './node-target.js';

/** drain: cordon, filter like kubectl, evict through the Eviction API respecting PDBs. */
export function drainOperation(deps: OperationDeps): OperationBody {
  return {
    command: 'drain',
    target: nodeTarget,
    describeCurrentState: (ctx) => describeNodeState(deps, ctx, nodeName(ctx)),
    async plan(ctx) {
      const clients = clientsOf(deps, ctx);
      const name = nodeName(ctx);
      const node = await getNode(clients, name, ctx.signal);
      const sel = selectPodsToEvict(await podsOnNode(clients, name, ctx.signal));
      const ids = sel.evict.map((p) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`);
      const cordonDry = await dryRun((warnings) => setCordon(clients, node, true, { dryRun: true, signal: ctx.signal, warnings }));
      const blocked = sel.errors.length > 0;
      return {
        target: nodeTarget(ctx),
        summary: blocked ? `drain node/${name} would stop: ${sel.errors.join('; ')}` : `cordon node/${name} and evict ${ids.length} pod(s)`,
        diff: ids.length ? ids.map((id) => `- pod ${id}`).join('\n') : '',
        dryRun: blocked ? { ...cordonDry, ok: false, message: sel.errors.join('; ') } : { ...cordonDry, warnings: [...cordonDry.warnings, ...sel.warnings] },
        fingerprint: nodeFingerprint(node),
        noop: false,
        facts: { node: name, pods: ids.length },
      };
    },
    async fingerprint(ctx) {
      return nodeFingerprint(await getNode(clientsOf(deps, ctx), nodeName(ctx), ctx.signal));
    },
    async execute(ctx) {
      return executeDrain(deps, ctx);
    },
  };
}

async function executeDrain(deps: OperationDeps, ctx: OperationContext): Promise<OperationResult> {
  const name = nodeName(ctx);
  const evicted: string[] = [];
  const drained = await drainNode(clientsOf(deps, ctx), name, {
    timeoutMs: ctx.limits.drainTimeoutMs,
    signal: ctx.signal,
    annotations: provenanceAnnotations(provenanceOf(ctx)),
    evictionRetryMs: deps.timing.evictionRetryMs,
    deletionPollMs: deps.timing.deletionPollMs,
    onStep: (text) => void report(ctx, 'step', text),
    onPod: (o) => {
      if (o.ok) evicted.push(o.pod);
      void report(ctx, 'status', o.ok ? `evicted ${o.pod}` : `could not evict ${o.pod}: ${o.reason}`);
    },
  }).catch((err: unknown) => {
    if (!(err instanceof CancelledError)) throw err;
    const done = evicted.length ? `evicted ${evicted.join(', ')}` : 'no pod evicted yet';
    throw new CancelledError(`drain cancelled; node/${name} stays cordoned; ${done}`, { cause: err });
  });
  const warnings = drained.selection.warnings.map((w) => `Warning: ${w}`);
  if (drained.selection.errors.length > 0) {
    return result('failed', `node/${name} cordoned, nothing evicted: ${drained.selection.errors.join('; ')}`, {
      sections: [{ title: 'Drain stopped', text: [...drained.selection.errors.map((e) => `error: ${e}`), ...warnings, `node/${name} stays cordoned`].join('\n'), preformatted: true }],
      facts: { node: name, evicted: 0 },
    });
  }
  const failed = drained.outcomes.filter((o) => !o.ok);
  const lines = drained.outcomes.map((o) => (o.ok ? `evicted ${o.pod}` : `FAILED ${o.pod}: ${o.reason}`));
  const ok = failed.length === 0;
  return result(ok ? 'succeeded' : 'failed', ok ? `node/${name} drained (${drained.outcomes.length} pod(s) evicted)` : `node/${name} drain incomplete: ${failed.length} pod(s) not evicted; the node stays cordoned`, {
    sections: [{ title: 'Pods', text: [...warnings, ...lines].join('\n') || 'no pods to evict', preformatted: true }],
    facts: { node: name, evicted: drained.outcomes.length - failed.length, failed: failed.length },
  });
}
