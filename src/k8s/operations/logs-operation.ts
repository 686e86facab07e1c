import { InvalidError } from '../../core/errors.js';
import type { InvocationOf } from '../../core/invocation.js';
import { chooseContainer } from '../objects/containers.js';
import type { PodSpec } from '../objects/k8s-object.js';
import { readPodLog } from '../workloads/pod-logs.js';
import { clientsOf, type Ctx, type OperationDeps, type OperationBody } from './operation-deps.js';
import { readOnlyOperation } from './read-only-operation.js';
import { result } from './outcome.js';
import { podOrWorkloadTarget, resolvePods } from './pod-targets.js';

const EXCERPT_LINES = 40;

function logsArgs(ctx: Ctx): InvocationOf<'logs'> {
  if (ctx.invocation.command !== 'logs') throw new InvalidError('logs needs an app or a pod');
  return ctx.invocation;
}

/** `/k8s logs`: an excerpt in the thread and the full text (all picked pods) as a file. */
export function logsOperation(deps: OperationDeps): OperationBody {
  return readOnlyOperation({
    command: 'logs',
    target: podOrWorkloadTarget,
    summary: (ctx) => `logs of ${logsArgs(ctx).target}`,
    async execute(ctx) {
      const args = logsArgs(ctx);
      const clients = clientsOf(deps, ctx);
      const { pods } = await resolvePods(clients, ctx, ctx.signal, 5);
      if (pods.length === 0) return result('failed', `no pods found for ${args.target}`);
      const chunks: string[] = [];
      for (const pod of pods) {
        const name = pod.metadata?.name ?? '';
        const c = chooseContainer(pod['spec'] as PodSpec, pod.metadata?.annotations, args.container, 'first', `pod/${name}`);
        const text = await readPodLog(clients, ctx.scope.namespace, name, {
          container: c.name,
          previous: args.previous,
          ...(args.tailLines !== undefined ? { tailLines: args.tailLines } : {}),
          ...(args.sinceSeconds !== undefined ? { sinceSeconds: args.sinceSeconds } : {}),
          signal: ctx.signal,
        });
        chunks.push(`==> ${name} / ${c.name}${args.previous ? ' (previous)' : ''} <==\n${text}`);
      }
      const full = chunks.join('\n');
      const firstLines = (chunks[0] ?? '').split('\n');
      const excerpt = firstLines.slice(-EXCERPT_LINES).join('\n');
      return result('succeeded', `logs of ${args.target}: ${pods.length} pod(s)`, {
        sections: [{ title: `Last ${EXCERPT_LINES} lines of ${pods[0]?.metadata?.name ?? ''}`, text: excerpt, preformatted: true }],
        files: [{ filename: `logs-${args.target}.txt`, title: `Logs of ${args.target}`, content: full }],
        facts: { pods: pods.length, previous: args.previous },
      });
    },
  });
}
