import { ConflictError, InvalidError } from '../../core/errors.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { type Application, type Automated, automatedOf } from './argocd-application.js';
import { getApplication, putApplication, type AppRef } from './argocd-operation.js';

/**
 * Where `suspend` keeps the automated sync policy it removed, as JSON, so `resume` puts back
 * exactly that policy (prune, selfHeal, allowEmpty …) and nothing else.
 */
export const SUSPENDED_POLICY_ANNOTATION = 'shipmate.dev/suspended-sync-policy';

const MAX_CONFLICTS = 10;

async function update(clients: ClusterClients, ref: AppRef, change: (app: Application) => void, signal?: AbortSignal): Promise<Application> {
  for (let attempt = 0; ; attempt++) {
    const app = structuredClone(await getApplication(clients, ref, signal));
    change(app);
    try {
      return await putApplication(clients, app, signal);
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= MAX_CONFLICTS) throw err;
    }
  }
}

/** Removes `spec.syncPolicy.automated`, remembering it; returns the policy removed (undefined: it was already off). */
export async function suspendAutomation(clients: ClusterClients, ref: AppRef, signal?: AbortSignal): Promise<Automated | undefined> {
  let removed: Automated | undefined;
  const current = await getApplication(clients, ref, signal);
  if (!automatedOf(current)) return undefined;
  await update(clients, ref, (app) => {
    removed = app.spec?.syncPolicy?.automated ?? undefined;
    if (!removed || !app.spec?.syncPolicy) return;
    delete app.spec.syncPolicy.automated;
    app.metadata = { ...app.metadata, annotations: { ...app.metadata?.annotations, [SUSPENDED_POLICY_ANNOTATION]: JSON.stringify(removed) } };
  }, signal);
  return removed;
}

export function rememberedPolicy(app: Application): Automated | undefined {
  const text = app.metadata?.annotations?.[SUSPENDED_POLICY_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Automated;
  } catch {
    // fall through: a hand-edited annotation is reported below
  }
  throw new InvalidError(`annotation ${SUSPENDED_POLICY_ANNOTATION} on the Application is not a sync policy; fix or remove it, then set spec.syncPolicy.automated by hand`);
}

/** Restores the remembered policy exactly and drops the annotation. */
export async function resumeAutomation(clients: ClusterClients, ref: AppRef, signal?: AbortSignal): Promise<Automated> {
  let restored: Automated | undefined;
  await update(clients, ref, (app) => {
    restored = rememberedPolicy(app);
    if (!restored) throw new InvalidError(`Application ${ref.namespace}/${ref.name} has no sync policy remembered by /k8s suspend; nothing to restore`);
    app.spec = { ...app.spec, syncPolicy: { ...(app.spec?.syncPolicy ?? {}), automated: restored } };
    const annotations = { ...app.metadata?.annotations };
    delete annotations[SUSPENDED_POLICY_ANNOTATION];
    app.metadata = { ...app.metadata, annotations };
  }, signal);
  if (!restored) throw new InvalidError('nothing to restore');
  return restored;
}
