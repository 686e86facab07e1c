import { z } from 'zod';
import { IMPERATIVE_DEFAULTS, OWNING_KINDS, type ImperativeVerdict, type OwningKind } from '../core/owner.js';
import { DNS_SUBDOMAIN, namespace, strict } from './schema-primitives.js';

// Helm release names: DNS-1123 labels of at most 53 characters (helm's own check).
const release = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$/, 'must be a Helm release name (lowercase a-z, 0-9, "-"; at most 53)');
const objectName = z.string().regex(DNS_SUBDOMAIN, 'must be a Kubernetes object name (DNS-1123 subdomain)');

/**
 * `apps.<app>.owner`: who owns the app's workload when its labels do not say (or to assert what
 * they say). `none` declares a plain workload.
 */
export const ownerPin = z.union([
  z.literal('none'),
  strict({ helm: strict({ release }) }),
  strict({ argocd: strict({ application: objectName, namespace: namespace.optional() }) }),
  strict({ flux: strict({ kind: z.enum(['Kustomization', 'HelmRelease']), name: objectName, namespace: namespace.optional() }) }),
  strict({ rollout: strict({ name: objectName }) }),
], { error: 'must be none, { helm: { release } }, { argocd: { application, namespace? } }, { flux: { kind, name, namespace? } } or { rollout: { name } }' });

/**
 * `apps.<app>.helm.imageValue`: the values path `upgrade` sets to the new tag (default `image.tag`).
 * Dotted keys of letters, digits, `_` and `-` only: anything else means something to `--set`.
 */
export const appHelm = strict({
  imageValue: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/, 'must be a dotted values path such as image.tag').default('image.tag'),
});

const verdict = z.enum(['refuse', 'warn', 'allow']);


/**
 * `policies.<p>.imperativeOnOwned`: one verdict for every owner kind, or per kind
 * (`{ helm: allow, argocd: warn }`, the rest keep their defaults).
 */
export const imperativeOnOwned = z
  .union([verdict, strict({ helm: verdict.optional(), argocd: verdict.optional(), flux: verdict.optional(), rollout: verdict.optional() })], {
    error: 'must be refuse, warn, allow, or a map of helm / argocd / flux / rollout to one of them',
  })
  .default({})
  .transform((v): Record<OwningKind, ImperativeVerdict> => {
    if (typeof v === 'string') return Object.fromEntries(OWNING_KINDS.map((k) => [k, v])) as Record<OwningKind, ImperativeVerdict>;
    return Object.fromEntries(OWNING_KINDS.map((k) => [k, v[k] ?? IMPERATIVE_DEFAULTS[k]])) as Record<OwningKind, ImperativeVerdict>;
  });
