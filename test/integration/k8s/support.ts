import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { pino } from 'pino';
import type { Invocation } from '../../../src/core/invocation.js';
import type { OperationContext, OperationLimits, WorkloadRef } from '../../../src/core/operation.js';
import type { ProgressEvent } from '../../../src/core/plan.js';
import { createClusterRegistry, type ClusterRegistry } from '../../../src/k8s/client/cluster-registry.js';
import { createOperations } from '../../../src/k8s/operations/create-operations.js';
import { isMutating } from '../../../src/commands/registry.js';
import type { ApiCallEvent } from '../../../src/k8s/client/http-library.js';
import { CHANGE_CAUSE, REQUEST_ID_ANNOTATION } from '../../../src/k8s/objects/provenance.js';
import type { OperationRegistry } from '../../../src/core/operation.js';

const run = promisify(execFile);
export const KUBECTL = resolve('.tools/bin/kubectl');

/** The real kubectl, argv array only, against one kube-sim context. */
export async function kubectl(kubeconfig: string, context: string, args: string[]): Promise<string> {
  const { stdout } = await run(KUBECTL, ['--kubeconfig', kubeconfig, '--context', context, ...args], { timeout: 30_000 });
  return stdout;
}

/**
 * client-node 1.4 refuses plain-HTTP servers unless the cluster entry sets
 * `insecure-skip-tls-verify`. kube-sim now writes it itself; this copy keeps the tests independent
 * of that (a no-op when already set). kubectl keeps using the sim's own file.
 */
export async function clientNodeKubeconfig(simKubeconfigPath: string, kubeconfig: string): Promise<string> {
  const doc = parse(kubeconfig) as { clusters: { cluster: Record<string, unknown> }[] };
  for (const c of doc.clusters) if (String(c.cluster['server']).startsWith('http:')) c.cluster['insecure-skip-tls-verify'] = true;
  const path = `${simKubeconfigPath}.client-node`;
  await writeFile(path, stringify(doc), { mode: 0o600 });
  return path;
}

export const silentLogger = pino({ level: 'silent' });

export const FAST_TIMING = { evictionRetryMs: 100, deletionPollMs: 50, probeIntervalMs: 100, retryBaseMs: 20, retries: 3 };

export interface Harness {
  registry: ClusterRegistry;
  ops: OperationRegistry;
  calls: ApiCallEvent[];
}

export function harness(kubeconfigPath: string, clusters: string[], requestTimeoutMs = 5_000, options: { showEnv?: readonly string[] } = {}): Harness {
  const calls: ApiCallEvent[] = [];
  const registry = createClusterRegistry({
    clusters: Object.fromEntries(clusters.map((c) => [c, { context: c }])),
    kubeconfigPath,
    logger: silentLogger,
    onApiCall: (e) => calls.push(e),
    requestTimeoutMs,
  });
  return { registry, ops: createOperations({ registry, logger: silentLogger, timing: FAST_TIMING, mutates: isMutating, ...options }), calls };
}

export const LIMITS: OperationLimits = { rolloutTimeoutMs: 20_000, minReplicas: 0, maxReplicas: 10, drainTimeoutMs: 20_000 };

export function context(
  invocation: Invocation,
  scope: { cluster: string; namespace: string; workload?: WorkloadRef },
  extra: { signal?: AbortSignal; limits?: Partial<OperationLimits> } = {},
): OperationContext & { events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return {
    invocation,
    scope: { env: 'test', ...scope, ...(scope.workload ? { app: scope.workload.name } : {}) },
    limits: { ...LIMITS, ...extra.limits },
    signal: extra.signal ?? new AbortController().signal,
    progress: async (e) => {
      events.push(e);
    },
    logger: silentLogger,
    requestId: 'R-TEST0001',
    requester: 'U1',
    events,
  };
}

/** A deployment manifest for parity fixtures. */
export function deploymentManifest(namespace: string, name: string, image: string, extra: { replicas?: number; annotations?: Record<string, string> } = {}): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      replicas: extra.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}

// Shipmate's provenance (issue 9 item 11) is what kubectl does not write; everything else must match.
const PROVENANCE = new Set([CHANGE_CAUSE, REQUEST_ID_ANNOTATION]);

const VOLATILE = new Set(['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'namespace', 'selfLink', 'generateName', 'deletionTimestamp']);

/**
 * An object reduced to what parity compares: no uids, timestamps, resourceVersions, generated
 * names, namespaces or status; restartedAt values are normalised (only their presence counts).
 */
export function comparable(obj: unknown): unknown {
  if (Array.isArray(obj)) return obj.map(comparable);
  if (obj && typeof obj === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (VOLATILE.has(k) || k === 'status' || PROVENANCE.has(k)) continue;
      // An annotation map that held only Shipmate's provenance is, with it left out, no map at all.
      if (k === 'annotations' && v && typeof v === 'object' && Object.keys(v).length > 0 && Object.keys(v).every((a) => PROVENANCE.has(a))) continue;
      if (k === 'kubectl.kubernetes.io/restartedAt') out[k] = '<set>';
      else if (k === 'kubectl.kubernetes.io/last-applied-configuration') continue;
      else out[k] = comparable(v);
    }
    return out;
  }
  return obj;
}
