import { PatchStrategy } from '@kubernetes/client-node';
import type { WorkloadRef } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { chooseContainer, type ContainerChoice } from '../objects/containers.js';
import type { KObject, PodTemplate } from '../objects/k8s-object.js';
import { FIELD_MANAGER, kubeCall, workloadPath } from '../client/kube-call.js';
import { resolveImage } from '../objects/image-ref.js';
import { withAnnotations } from '../objects/provenance.js';

export interface SetImagePlan {
  container: ContainerChoice;
  fromImage: string;
  toImage: string;
  /** Strategic merge patch; undefined when the image is already set (kubectl sends nothing). */
  patch?: unknown;
}

/** `kubectl set image` for one container: which container, which image, which patch. */
export function planSetImage(workload: KObject, typed: string, requested: string | undefined): SetImagePlan {
  const template = ((workload['spec'] ?? {}) as { template?: PodTemplate }).template;
  const what = `${String(workload.kind).toLowerCase()}/${workload.metadata?.name ?? ''}`;
  const container = chooseContainer(template?.spec, template?.metadata?.annotations, requested, 'only', what);
  const fromImage = container.container.image ?? '';
  const toImage = resolveImage(fromImage, typed);
  if (toImage === fromImage) return { container, fromImage, toImage };
  return { container, fromImage, toImage, patch: { spec: { template: { spec: { [container.kind]: [{ name: container.name, image: toImage }] } } } } };
}

export async function sendSetImage(
  clients: ClusterClients,
  w: WorkloadRef & { namespace: string },
  patch: unknown,
  opts: { dryRun?: boolean; signal?: AbortSignal; warnings?: string[]; annotations?: Record<string, string> } = {},
): Promise<KObject> {
  return kubeCall(clients, {
    method: 'PATCH',
    path: workloadPath(w.kind, w.namespace, w.name),
    query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined },
    body: opts.annotations ? withAnnotations({ contentType: PatchStrategy.StrategicMergePatch, body: patch }, opts.annotations).body : patch,
    contentType: PatchStrategy.StrategicMergePatch,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.warnings ? { warnings: opts.warnings } : {}),
  });
}
