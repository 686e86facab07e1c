import { describeNodeState } from './current-state.js';
import { getNode, isCordoned, nodeFingerprint, setCordon } from '../nodes/cordon.js';
import { withRetry } from '../client/retry.js';
import { yamlDiff } from '../objects/spec-diff.js';
import { provenanceAnnotations } from '../objects/provenance.js';
import { provenanceOf } from './request-provenance.js';
import { clientsOf, retryOptions, type OperationDeps, type OperationBody } from './operation-deps.js';
import { dryRunUnlessNoop } from './dry-run.js';
import { result } from './outcome.js';
import { nodeName, nodeTarget } from './node-target.js';

/** cordon / uncordon: a no-op when the node is already as asked. */
export function cordonOperation(deps: OperationDeps, command: 'cordon' | 'uncordon'): OperationBody {
  const desired = command === 'cordon';
  return {
    command,
    target: nodeTarget,
    describeCurrentState: (ctx) => describeNodeState(deps, ctx, nodeName(ctx)),
    async plan(ctx) {
      const clients = clientsOf(deps, ctx);
      const node = await getNode(clients, nodeName(ctx), ctx.signal);
      const noop = isCordoned(node) === desired;
      return {
        target: nodeTarget(ctx),
        summary: noop ? `node/${nodeName(ctx)} is already ${desired ? 'cordoned' : 'schedulable'}` : `${command} node/${nodeName(ctx)}`,
        diff: yamlDiff(deps.sanitizer, `node/${nodeName(ctx)}/spec`, { unschedulable: isCordoned(node) }, { unschedulable: desired }),
        dryRun: await dryRunUnlessNoop(noop, (warnings) => setCordon(clients, node, desired, { dryRun: true, signal: ctx.signal, warnings })),
        fingerprint: nodeFingerprint(node),
        noop,
        facts: { node: nodeName(ctx) },
      };
    },
    async fingerprint(ctx) {
      return nodeFingerprint(await getNode(clientsOf(deps, ctx), nodeName(ctx), ctx.signal));
    },
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const sent = await withRetry(
        async () => setCordon(clients, await getNode(clients, nodeName(ctx), ctx.signal), desired, { signal: ctx.signal, annotations: provenanceAnnotations(provenanceOf(ctx)) }),
        retryOptions(deps, ctx),
      );
      const text = sent ? `node/${nodeName(ctx)} ${command}ed` : `node/${nodeName(ctx)} was already ${desired ? 'cordoned' : 'schedulable'}`;
      return result('succeeded', text, { facts: { node: nodeName(ctx), changed: sent } });
    },
  };
}
