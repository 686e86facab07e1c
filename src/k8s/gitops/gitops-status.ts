import type { ResultItem, ResultSection } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { type Application, automatedOf, initiatorText, shortSha } from './argocd-application.js';
import { getApplication } from './argocd-operation.js';
import { getFlux, readyOf, sourceOf, type FluxObject } from './flux-object.js';
import { describeOwner, type GitOpsOwner } from './gitops-owner.js';

/** How many `status.history` entries `status` shows. */
const HISTORY_SHOWN = 3;

/** The owner's state as facts (plain text; slack/views escapes it). */
export interface GitOpsStatus {
  owner: GitOpsOwner;
  lines: string[];
  items: ResultItem[];
  facts: Record<string, string | number | boolean>;
}

export async function readGitOpsStatus(clients: ClusterClients, owner: GitOpsOwner, signal?: AbortSignal): Promise<GitOpsStatus> {
  if (owner.tool === 'argocd') return argoStatus(owner, await getApplication(clients, owner, signal));
  const obj = await getFlux(clients, owner, signal);
  const src = sourceOf(obj, owner.kind);
  const source = src ? await getFlux(clients, src, signal).catch(() => undefined) : undefined;
  return fluxStatus(owner, obj, source);
}

export function argoStatus(owner: GitOpsOwner, app: Application): GitOpsStatus {
  const s = app.status ?? {};
  const auto = automatedOf(app);
  const op = s.operationState;
  const lines = [
    `sync: ${s.sync?.status ?? 'Unknown'} at ${shortSha(s.sync?.revision)} (target ${app.spec?.source?.targetRevision ?? 'HEAD'}, path ${app.spec?.source?.path ?? '.'})`,
    `health: ${s.health?.status ?? 'Unknown'}${s.health?.message ? ` (${s.health.message})` : ''}`,
    `auto-sync: ${auto ? `on, self-heal ${auto.selfHeal ? 'on' : 'off'}, prune ${auto.prune ? 'on' : 'off'}` : 'off'}`,
  ];
  if (op) lines.push(`last operation: ${op.phase ?? '?'}${op.message ? ` (${op.message})` : ''}, started by ${initiatorText(op.operation?.initiatedBy)}`);
  const history = (s.history ?? []).slice(-HISTORY_SHOWN).reverse();
  const items: ResultItem[] = history.map((h) => ({ mark: 'note', text: `#${h.id} ${shortSha(h.revision)} deployed ${h.deployedAt ?? '?'} by ${initiatorText(h.initiatedBy)}` }));
  for (const c of s.conditions ?? []) items.push({ mark: 'warning', text: `${c.type}: ${c.message ?? ''}` });
  return {
    owner, lines, items,
    facts: { gitopsOwner: describeOwner(owner), syncStatus: s.sync?.status ?? 'Unknown', health: s.health?.status ?? 'Unknown', autoSync: Boolean(auto), revision: s.sync?.revision ?? '' },
  };
}

export function fluxStatus(owner: GitOpsOwner, obj: FluxObject, source: FluxObject | undefined): GitOpsStatus {
  const ready = readyOf(obj);
  const st = obj.status ?? {};
  const lines = [
    `ready: ${ready?.status ?? 'Unknown'}${ready?.reason ? ` ${ready.reason}` : ''}${ready?.message ? ` (${ready.message})` : ''}`,
    `last applied revision: ${st.lastAppliedRevision ?? 'none'}`,
    `suspended: ${obj.spec?.suspend === true ? 'yes' : 'no'}`,
  ];
  if (source) lines.push(`source ${source.kind ?? 'GitRepository'} ${source.metadata?.name ?? ''}: ${source.status?.artifact?.revision ?? 'no artifact'}`);
  return {
    owner, lines, items: [],
    facts: { gitopsOwner: describeOwner(owner), ready: ready?.status ?? 'Unknown', suspended: obj.spec?.suspend === true, revision: st.lastAppliedRevision ?? '' },
  };
}

export function gitopsStatusSection(status: GitOpsStatus): ResultSection {
  return { title: `Owner: ${describeOwner(status.owner)}`, text: status.lines.join('\n'), ...(status.items.length ? { items: status.items } : {}) };
}
