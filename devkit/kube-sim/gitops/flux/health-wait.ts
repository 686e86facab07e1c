import type { ClusterApi } from '../../api.js';
import type { KubeObject } from '../../types.js';
import { liveOf, refOf } from '../apply.js';
import { resourceHealth } from '../health.js';

export type WaitResult = { ok: true } | { ok: false; message: string };

/** kstatus-like state of one object for Flux's health check ('Current' once healthy). */
function pending(api: ClusterApi, obj: KubeObject): string | undefined {
  const ref = refOf(obj);
  const health = resourceHealth(liveOf(api, ref));
  if (!health || health.status === 'Healthy') return undefined;
  const state = health.status === 'Degraded' ? 'Failed' : 'InProgress';
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name} status: '${state}'`;
}

/**
 * `spec.wait: true`: poll the applied workloads until all are healthy, one has failed
 * (ProgressDeadlineExceeded) or the timeout passes — kustomize-controller blocks the same way.
 */
export async function waitHealthy(api: ClusterApi, objects: KubeObject[], timeoutMs: number, pollMs: number): Promise<WaitResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting = objects.map((o) => pending(api, o)).filter((s): s is string => s !== undefined);
    if (waiting.length === 0) return { ok: true };
    const failed = waiting.filter((w) => w.endsWith("'Failed'"));
    if (failed.length > 0) return { ok: false, message: `health check failed: [${failed.join(', ')}]` };
    if (Date.now() >= deadline) return { ok: false, message: `health check failed after ${Math.round(timeoutMs / 1000)}s: timeout waiting for: [${waiting.join(', ')}]` };
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
