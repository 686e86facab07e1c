import { PatchStrategy } from '@kubernetes/client-node';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { FIELD_MANAGER, kubeCall, nodePath } from '../client/kube-call.js';

export function isCordoned(node: KObject): boolean {
  return (node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true;
}

export function nodeFingerprint(node: KObject): string {
  return `${node.metadata?.uid ?? ''}/${node.metadata?.resourceVersion ?? ''}/unschedulable=${isCordoned(node)}`;
}

export async function getNode(clients: ClusterClients, name: string, signal?: AbortSignal): Promise<KObject> {
  return kubeCall(clients, { method: 'GET', path: nodePath(name), ...(signal ? { signal } : {}) });
}

/**
 * kubectl cordon/uncordon: nothing is sent when the node is already as desired; otherwise the
 * strategic merge patch `{"spec":{"unschedulable":true|null}}`. Returns whether a change was sent.
 */
export async function setCordon(
  clients: ClusterClients,
  node: KObject,
  desired: boolean,
  opts: { dryRun?: boolean; signal?: AbortSignal; warnings?: string[]; annotations?: Record<string, string> } = {},
): Promise<boolean> {
  if (isCordoned(node) === desired) return false;
  await kubeCall(clients, {
    method: 'PATCH',
    path: nodePath(node.metadata?.name ?? ''),
    query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined },
    body: { spec: { unschedulable: desired ? true : null }, ...(opts.annotations ? { metadata: { annotations: opts.annotations } } : {}) },
    contentType: PatchStrategy.StrategicMergePatch,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.warnings ? { warnings: opts.warnings } : {}),
  });
  return true;
}
