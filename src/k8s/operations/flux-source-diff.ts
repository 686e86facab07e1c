import { CancelledError, ShipmateError } from '../../core/errors.js';
import type { GitCheckout } from '../../git/index.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { redactText } from '../objects/redaction.js';
import type { Sanitizer } from '../objects/sanitize.js';
import { createResourceMapper } from '../gitops/api-resources.js';
import { parseInventoryId } from '../gitops/drift.js';
import { desiredObjects, dryRunChange, inventoryId, type ObjectChange } from '../gitops/flux-dry-run.js';
import type { FluxObject } from '../gitops/flux-object.js';
import { renderFluxPath, type KustomizeTool } from '../gitops/flux-render.js';
import { fluxGitSource, repoKey, type FluxGitSource } from '../gitops/flux-source.js';
import type { ResourceId } from '../gitops/drift.js';

/** What `/k8s diff` needs to render a Flux source itself (issue 13): the configured repositories and kustomize. */
export interface FluxSourceDeps {
  /** The working copies of `gitops.repos` (the same ones upgrade/promote commit through); matched by URL. */
  checkouts(): readonly GitCheckout[];
  kustomize: KustomizeTool;
}

/** Kustomization fields kube-sim's controller does not honour, so this diff does not apply them either. */
const NOT_APPLIED = ['patches', 'images', 'commonMetadata', 'postBuild', 'namePrefix', 'nameSuffix', 'components', 'decryption'] as const;
const MAX_OBJECTS = 300;

export interface SourceDiff {
  source: FluxGitSource;
  how: 'kustomize' | 'plain';
  changes: ObjectChange[];
  pruned: ResourceId[];
  notes: string[];
}

export type SourceDiffResult = { ok: true; diff: SourceDiff } | { ok: false; reason: string };

/** A URL fit to show: credentials in it are masked. */
export const shownUrl = (url: string): string => redactText(url).slice(0, 200);

function checkoutFor(deps: FluxSourceDeps, url: string): GitCheckout | undefined {
  const key = repoKey(url);
  return deps.checkouts().find((c) => repoKey(c.repo.url) === key);
}

/** Facts worth saying beside the diff: what this diff leaves out, and where the controller stands. */
function notesOf(ks: FluxObject, source: FluxGitSource): string[] {
  const notes: string[] = [];
  const unsupported = NOT_APPLIED.filter((f) => ks.spec?.[f] !== undefined);
  if (unsupported.length) notes.push(`spec.${unsupported.join(', spec.')} ${unsupported.length === 1 ? 'is' : 'are'} not applied by this diff: what ${unsupported.length === 1 ? 'it changes' : 'they change'} may show as drift`);
  const applied = ks.status?.lastAppliedRevision;
  if (applied && applied !== source.revision) notes.push(`kustomize-controller last applied ${applied}; source-controller has ${source.revision}, not applied yet`);
  if (ks.spec?.suspend === true) notes.push('the Kustomization is suspended: Flux applies nothing until /k8s resume');
  return notes;
}

/**
 * The diff `flux diff kustomization` makes, from the commit source-controller published: that commit
 * fetched through Shipmate's own working copy of the repository, `spec.path` rendered, every object
 * dry-run server-side as kustomize-controller, and (with `spec.prune`) the inventory entries the
 * source no longer has. Anything that prevents it is a reason, for the caller to say and fall back on.
 */
export async function diffFluxSource(
  deps: FluxSourceDeps | undefined,
  clients: ClusterClients,
  sanitizer: Sanitizer,
  ks: FluxObject,
  signal: AbortSignal,
): Promise<SourceDiffResult> {
  if (!deps || deps.checkouts().length === 0) return { ok: false, reason: 'no GitOps repository is configured under gitops.repos, so Shipmate cannot fetch the source' };
  const found = await fluxGitSource(clients, ks, signal);
  if (!found.ok) return found;
  const { source } = found;
  const checkout = checkoutFor(deps, source.url);
  if (!checkout) return { ok: false, reason: `the source repository ${shownUrl(source.url)} is not configured under gitops.repos, so Shipmate cannot fetch it` };
  let rendered;
  try {
    rendered = await checkout.withCommit(source.sha, (root) => renderFluxPath({ root, path: String(ks.spec?.['path'] ?? './'), tool: deps.kustomize, signal }), signal);
  } catch (err) {
    if (err instanceof ShipmateError && !(err instanceof CancelledError)) {
      return { ok: false, reason: `${source.revision} of ${checkout.repo.name} could not be fetched or rendered: ${redactText(err.userMessage)}` };
    }
    throw err;
  }
  const notes = notesOf(ks, source);
  let objects = rendered.objects;
  if (objects.length > MAX_OBJECTS) {
    notes.push(`the source renders ${objects.length} objects; the first ${MAX_OBJECTS} were compared`);
    objects = objects.slice(0, MAX_OBJECTS);
  }
  const { desired, failed } = await desiredObjects(objects, ks, createResourceMapper(clients, signal));
  const changes: ObjectChange[] = [...failed];
  for (const d of desired) changes.push(await dryRunChange(clients, sanitizer, d, signal));
  // As `flux diff`: deletions are listed only when every object could be dry-run.
  const pruned = ks.spec?.['prune'] === true && !changes.some((c) => c.action === 'failed') ? prunedEntries(ks, desired.map((d) => inventoryId(d.id))) : [];
  return { ok: true, diff: { source, how: rendered.how, changes, pruned, notes } };
}

/** Inventory entries the rendered source no longer has: what `spec.prune` would delete. */
function prunedEntries(ks: FluxObject, rendered: string[]): ResourceId[] {
  const keep = new Set(rendered);
  return (ks.status?.inventory?.entries ?? []).filter((e) => !keep.has(e.id)).flatMap((e) => parseInventoryId(e.id, e.v ?? 'v1') ?? []);
}
