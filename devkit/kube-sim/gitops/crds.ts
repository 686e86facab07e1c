import type { ClusterApi } from '../api.js';
import type { KubeObject } from '../types.js';

interface CrdDef {
  group: string;
  version: string;
  plural: string;
  kind: string;
  short: string[];
  /** Argo CD's Application and AppProject CRDs have no status subresource; Flux's all do. */
  status: boolean;
  categories?: string[];
}

/** The CRDs as Argo CD (v2/v3) and Flux (v2.6) install them: names, versions, subresources. */
export const GITOPS_CRDS: CrdDef[] = [
  { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', kind: 'Application', short: ['app', 'apps'], status: false },
  { group: 'argoproj.io', version: 'v1alpha1', plural: 'appprojects', kind: 'AppProject', short: ['appproj', 'appprojs'], status: false },
  { group: 'source.toolkit.fluxcd.io', version: 'v1', plural: 'gitrepositories', kind: 'GitRepository', short: ['gitrepo'], status: true },
  { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations', kind: 'Kustomization', short: ['ks'], status: true },
  { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases', kind: 'HelmRelease', short: ['hr'], status: true },
];

function crdObject(c: CrdDef): object {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${c.plural}.${c.group}`, labels: { 'app.kubernetes.io/part-of': c.group.startsWith('argoproj') ? 'argocd' : 'flux' } },
    spec: {
      group: c.group,
      scope: 'Namespaced',
      names: { plural: c.plural, singular: c.kind.toLowerCase(), kind: c.kind, listKind: `${c.kind}List`, shortNames: c.short },
      versions: [
        {
          name: c.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          ...(c.status ? { subresources: { status: {} } } : {}),
        },
      ],
    },
  };
}

function ensure(api: ClusterApi, obj: object): void {
  const type = api.typeOf(obj);
  const meta = (obj as KubeObject).metadata;
  if (api.store.get(type, meta.namespace, meta.name)) return;
  api.create(type, obj);
}

/**
 * Install what `kubectl apply -f install.yaml` of Argo CD and `flux install` leave behind that the
 * simulation needs: the CRDs, the `argocd` and `flux-system` namespaces and the `default`
 * AppProject. Idempotent: the demo seed may have registered the Application CRD already.
 */
export function installGitOpsCrds(api: ClusterApi): void {
  for (const c of GITOPS_CRDS) ensure(api, crdObject(c));
  for (const ns of ['argocd', 'flux-system']) {
    ensure(api, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } } });
  }
  ensure(api, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'default', namespace: 'argocd' },
    spec: { sourceRepos: ['*'], destinations: [{ namespace: '*', server: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
  });
}
