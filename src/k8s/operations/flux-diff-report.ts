import type { OperationResult, ResultItem } from '../../core/plan.js';
import type { Drift, ResourceId } from '../gitops/drift.js';
import type { ObjectChange } from '../gitops/flux-dry-run.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';
import type { SourceDiff } from './flux-source-diff.js';
import { result } from './outcome.js';

const name = (r: ResourceId): string => `${r.kind}/${r.name}`;
const short = (revision: string): string => revision.replace(/([0-9a-f]{7})[0-9a-f]{33}$/, '$1');

function changeLine(c: ObjectChange): string | undefined {
  switch (c.action) {
    case 'drifted':
      return `${name(c.id)} drifted`;
    case 'created':
      return `${name(c.id)} would be created`;
    case 'failed':
      return `${name(c.id)} could not be dry-run`;
    default:
      return undefined;
  }
}

/** The thread text: one unified diff per drifted object, then the objects created, pruned, skipped or refused. */
function diffText(d: SourceDiff): string {
  const parts: string[] = [];
  for (const c of d.changes) {
    if (c.action === 'drifted') {
      const keys = c.secretKeys.length ? `# ${c.id.kind.toLowerCase()}/${c.id.name}: data keys that differ: ${c.secretKeys.join(', ')} (values never shown)` : '';
      parts.push([keys, c.diff].filter(Boolean).join('\n'));
    }
  }
  for (const c of d.changes) {
    if (c.action === 'created') parts.push(`# ${c.id.kind.toLowerCase()}/${c.id.name}${c.id.namespace ? ` in ${c.id.namespace}` : ''}: would be created`);
    if (c.action === 'skipped') parts.push(`# ${c.id.kind.toLowerCase()}/${c.id.name}: skipped (${c.why})`);
    if (c.action === 'failed') parts.push(`# ${c.id.kind.toLowerCase()}/${c.id.name}: ${c.why}`);
  }
  for (const p of d.pruned) parts.push(`# ${p.kind.toLowerCase()}/${p.name}${p.namespace ? ` in ${p.namespace}` : ''}: would be pruned (in the inventory, no longer in Git; spec.prune is true)`);
  return parts.join('\n');
}

/** `/k8s diff` of a Flux Kustomization from a server-side dry-run of its rendered source. */
export function describeSourceDiff(owner: GitOpsOwner, d: SourceDiff): OperationResult {
  const lines = [...d.changes.flatMap((c) => changeLine(c) ?? []), ...d.pruned.map((p) => `${name(p)} would be pruned`)];
  const rev = short(d.source.revision);
  // The card gets one line: the first few names, the rest in the thread.
  const named = lines.length > 6 ? [...lines.slice(0, 5), `${lines.length - 5} more`] : lines;
  const summary = lines.length
    ? `${describeOwner(owner)}: ${lines.length} resource(s) differ from Git at ${rev} (server-side dry-run of the source): ${named.join(', ')}`
    : `${describeOwner(owner)}: no drift: a server-side dry-run of Git at ${rev} changes nothing in the cluster`;
  const text = diffText(d);
  const notes: ResultItem[] = d.notes.map((n) => ({ mark: 'note', text: n }));
  const sections = [
    ...(text ? [{ title: `Drift (live → Git at ${rev}, server-side dry-run as kustomize-controller), env values and Secret data masked`, text, preformatted: true }] : []),
    ...(notes.length ? [{ title: 'Notes', text: '', items: notes }] : []),
  ];
  const count = (a: ObjectChange['action']): number => d.changes.filter((c) => c.action === a).length;
  return result('succeeded', summary, {
    sections,
    facts: {
      method: 'server-side dry-run', revision: d.source.revision, rendered: d.how,
      drifted: count('drifted'), created: count('created'), pruned: d.pruned.length, failed: count('failed'), checked: d.changes.length,
    },
  });
}

/** Today's comparison with what the controller last applied; for Flux, labelled as the fallback it is. */
export function describeDrift(owner: GitOpsOwner, drifts: Drift[], fallback?: string): OperationResult {
  const drifted = drifts.filter((d) => d.diff || d.note);
  const diff = drifted.map((d) => d.diff || `# ${d.resource.kind}/${d.resource.name}: ${d.note ?? ''}`).join('\n');
  const label = fallback ? ` (compared with what Flux last applied, not a dry-run of the source: ${fallback})` : '';
  const summary = drifted.length
    ? `${describeOwner(owner)}: ${drifted.length} resource(s) drifted from Git (${drifted.map((d) => `${d.resource.kind}/${d.resource.name}`).join(', ')})${label}`
    : `${describeOwner(owner)}: no drift, the cluster matches what was applied from Git${label}`;
  const sections = [
    ...(fallback ? [{ title: 'Source not rendered', text: '', items: [{ mark: 'warning' as const, text: `Fallback: ${fallback}. This compares each object with the last-applied configuration it carries, so a commit Flux has not applied yet does not show.` }] }] : []),
    ...(drifted.length ? [{ title: fallback ? 'Drift (live → last applied), env values masked' : 'Drift (live → Git), env values masked', text: diff, preformatted: true }] : []),
  ];
  return result('succeeded', summary, {
    sections,
    facts: { drifted: drifted.length, checked: drifts.length, ...(fallback ? { method: 'last-applied (fallback)', fallback } : {}) },
  });
}
