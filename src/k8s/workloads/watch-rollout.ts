import { CancelledError, NotFoundError, TimeoutError, UnavailableError } from '../../core/errors.js';
import { apiStatusCode } from '../client/api-errors.js';
import type { WorkloadRef } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { kubeCall, workloadPath } from '../client/kube-call.js';
import { rolloutVerdict } from './rollout-rules.js';

export interface WatchRolloutOptions {
  timeoutMs: number;
  signal: AbortSignal;
  onProgress?: (message: string) => void;
  /**
   * Extra failure check beyond kubectl's rules (e.g. crash-looping pods during an upgrade), run on
   * every event and every `probeIntervalMs`; a returned string fails the rollout with that reason.
   */
  probe?: () => Promise<string | undefined>;
  probeIntervalMs?: number;
}

export type RolloutOutcome =
  | { outcome: 'done'; message: string; object: KObject }
  | { outcome: 'failed'; message: string; object?: KObject }
  | { outcome: 'timeout'; message: string; object?: KObject }
  /** The deadline passed while the API server did not answer: nothing is known about the rollout. */
  | { outcome: 'unreachable'; message: string; object?: KObject };

/**
 * `kubectl rollout status`: watch the workload by name (`fieldSelector=metadata.name=X`), evaluate
 * kubectl's rules on every event, re-open the watch when the server closes it, treat DELETED as an
 * error. Resolves with the outcome; throws CancelledError when the signal aborts.
 */
export function watchRollout(
  clients: ClusterClients,
  workload: WorkloadRef & { namespace: string },
  options: WatchRolloutOptions,
): Promise<RolloutOutcome> {
  return new Promise<RolloutOutcome>((resolve, reject) => {
    const stop = new AbortController();
    let last: KObject | undefined;
    let lastMessage = '';
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(prober);
      options.signal.removeEventListener('abort', onAbort);
      stop.abort();
      fn();
    };
    const onAbort = (): void => finish(() => reject(new CancelledError('cancelled while watching the rollout')));
    const atDeadline = async (): Promise<RolloutOutcome> => {
      const seen = last ? { object: last } : {};
      const silence = await serverSilence(clients, workload);
      if (silence !== undefined) {
        return { outcome: 'unreachable', message: `the API server stopped answering (${silence})${lastMessage ? `; last seen: ${lastMessage}` : ''}`, ...seen };
      }
      return { outcome: 'timeout', message: `rollout did not finish within ${Math.round(options.timeoutMs / 1000)} s${lastMessage ? ` (${lastMessage})` : ''}`, ...seen };
    };
    const deadline = setTimeout(() => {
      // Stop re-opening the watch while the server is asked once more whether it answers at all.
      if (settled) return;
      stop.abort();
      void atDeadline().then((outcome) => finish(() => resolve(outcome)));
    }, options.timeoutMs);
    const runProbe = (): void => {
      if (!options.probe || settled) return;
      options.probe().then(
        (reason) => {
          if (reason !== undefined) finish(() => resolve({ outcome: 'failed', message: reason, ...(last ? { object: last } : {}) }));
        },
        () => undefined, // a failed probe read is not a failed rollout; the next one may succeed
      );
    };
    const prober = setInterval(runProbe, options.probeIntervalMs ?? 2_000);
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });

    const onEvent = (type: string, object: Record<string, unknown>): void => {
      if (type === 'DELETED') {
        return finish(() => reject(new NotFoundError(`${workload.kind.toLowerCase()}/${workload.name} was deleted while Shipmate watched its rollout`)));
      }
      if (type !== 'ADDED' && type !== 'MODIFIED') return;
      last = { ...(object as KObject), kind: workload.kind };
      const verdict = rolloutVerdict(last);
      if (verdict.message !== lastMessage) {
        lastMessage = verdict.message;
        options.onProgress?.(verdict.message);
      }
      const obj = last;
      if (verdict.state === 'done') return finish(() => resolve({ outcome: 'done', message: verdict.message, object: obj }));
      if (verdict.state === 'failed') return finish(() => resolve({ outcome: 'failed', message: verdict.message, object: obj }));
      runProbe();
    };
    const open = (): void => {
      if (settled || stop.signal.aborted) return;
      clients
        .watch(
          workloadPath(workload.kind, workload.namespace),
          { fieldSelector: `metadata.name=${workload.name}`, allowWatchBookmarks: true },
          onEvent,
          // The server ends watches after a while; re-open until settled (briefly backed off on errors).
          (err) => {
            if (!settled) setTimeout(open, err ? 500 : 0);
          },
          stop.signal,
        )
        .catch(() => {
          if (!settled) setTimeout(open, 500);
        });
    };
    open();
  });
}

const SERVER_CHECK_MS = 5_000;

/**
 * Why the API server is not answering (connection refused, reset, timed out), or undefined when it
 * answers: a rollout that does not progress and a cluster that went away need different actions.
 */
async function serverSilence(clients: ClusterClients, workload: WorkloadRef & { namespace: string }): Promise<string | undefined> {
  const signal = AbortSignal.timeout(SERVER_CHECK_MS);
  try {
    await kubeCall(clients, { method: 'GET', path: workloadPath(workload.kind, workload.namespace, workload.name), signal });
    return undefined;
  } catch (err) {
    if (signal.aborted) return `no answer within ${SERVER_CHECK_MS / 1000} s`;
    const transport = err instanceof TimeoutError || (err instanceof UnavailableError && apiStatusCode(err.cause) === undefined);
    return transport ? err.userMessage : undefined;
  }
}
