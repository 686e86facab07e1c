import { ConflictError, InvalidError } from '../../core/errors.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { PatchStrategy } from '@kubernetes/client-node';
import { FIELD_MANAGER, kubeCall } from '../client/kube-call.js';
import { type Application, type AppOperation, type AppOperationState, type Initiator, runningOperation } from './argocd-application.js';
import { gitopsPath } from './gitops-owner.js';
import { pollUntil, type PollOptions } from './poll.js';

export interface AppRef {
  namespace: string;
  name: string;
}

export const appPath = (ref: AppRef): string => gitopsPath('Application', ref.namespace, ref.name);

export async function getApplication(clients: ClusterClients, ref: AppRef, signal?: AbortSignal): Promise<Application> {
  return kubeCall<Application>(clients, { method: 'GET', path: appPath(ref), ...(signal ? { signal } : {}) });
}

/** PUT with the resourceVersion read (Applications have no status subresource: status travels along). */
export async function putApplication(clients: ClusterClients, app: Application, signal?: AbortSignal): Promise<Application> {
  const ref = { namespace: app.metadata?.namespace ?? '', name: app.metadata?.name ?? '' };
  return kubeCall<Application>(clients, { method: 'PUT', path: appPath(ref), body: app, ...(signal ? { signal } : {}) });
}

/** Bounded where Argo CD loops forever: a conflict storm should end as an error, not a hung job. */
const MAX_CONFLICTS = 10;

/**
 * Argo CD's util/argo SetAppOperation: re-read, refuse while another operation is set or running
 * (naming it), set `.operation`, clear `status.operationState`, update; retry on conflict only.
 */
export async function setAppOperation(clients: ClusterClients, ref: AppRef, op: AppOperation, signal?: AbortSignal): Promise<Application> {
  if (!op.sync) throw new InvalidError('Operation unspecified');
  for (let attempt = 0; ; attempt++) {
    const app = structuredClone(await getApplication(clients, ref, signal));
    const running = runningOperation(app);
    if (running) throw new ConflictError(`another operation is already in progress on Application ${ref.namespace}/${ref.name}: ${running}`, { retryable: false });
    app.operation = op;
    if (app.status) delete app.status.operationState;
    try {
      return await putApplication(clients, app, signal);
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= MAX_CONFLICTS) throw err;
    }
  }
}

/** Polls until the operation `ours` recognises by its initiator has reached a terminal phase and `.operation` is cleared. */
export async function waitForOperation(
  clients: ClusterClients,
  ref: AppRef,
  ours: (initiator: Initiator | undefined) => boolean,
  opts: PollOptions & { onPhase?: (state: AppOperationState) => void },
): Promise<{ app: Application; state: AppOperationState }> {
  let last = '';
  return pollUntil(async () => {
    const app = await getApplication(clients, ref, opts.signal);
    const state = app.status?.operationState;
    if (!state || !ours(state.operation?.initiatedBy)) return undefined;
    if (state.phase && state.phase !== last) {
      last = state.phase;
      opts.onPhase?.(state);
    }
    return app.operation === undefined && state.phase !== 'Running' && state.phase !== undefined ? { app, state } : undefined;
  }, opts);
}

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

/**
 * `argocd app get --refresh`: ask the controller to compare with Git's latest now, and wait until
 * it has (it removes the annotation when done), so a sync and its watch see the newest commit.
 */
export async function refreshApplication(clients: ClusterClients, ref: AppRef, opts: PollOptions): Promise<Application> {
  await kubeCall(clients, {
    method: 'PATCH', path: appPath(ref), query: { fieldManager: FIELD_MANAGER }, contentType: PatchStrategy.MergePatch,
    body: { metadata: { annotations: { [REFRESH_ANNOTATION]: 'normal' } } }, ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return pollUntil(async () => {
    const app = await getApplication(clients, ref, opts.signal);
    return app.metadata?.annotations?.[REFRESH_ANNOTATION] === undefined ? app : undefined;
  }, opts);
}
