import { REGISTRY } from './demo-workloads.js';

/** The image tags the seed commits, oldest first: three revisions of history for each app. */
export const GITOPS_SEED_TAGS = ['1.0.0', '1.1.0', '1.2.0'];

function deployment(app: string, port: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels:
    app: ${app}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - name: ${app}
          image: ${REGISTRY}/${app}:0.0.0
          ports:
            - name: http
              containerPort: ${port}
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
`;
}

function service(app: string, port: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  labels:
    app: ${app}
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
      targetPort: ${port}
`;
}

/**
 * One environment overlay: the base plus an `images:` entry, the line a promotion edits. Flux's
 * overlay also sets the namespace (an Argo CD Application gets it from its destination).
 */
function overlay(app: string, tag: string, namespace?: string): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
${namespace ? `namespace: ${namespace}\n` : ''}resources:
  - ../../base
images:
  - name: ${REGISTRY}/${app}
    newTag: "${tag}"
`;
}

/**
 * The files of the demo GitOps repository at one image tag: `apps/<app>/base/` and
 * `apps/<app>/envs/<cluster>/` (Kustomize) for argo-api and flux-web.
 */
export function gitopsRepoFiles(clusters: string[], tag: string): Record<string, string> {
  const files: Record<string, string> = {
    'README.md': '# GitOps repository of the Shipmate sandbox\n\nOne directory per app and environment: `apps/<app>/envs/<cluster>/` (Kustomize).\nargo-api is deployed by Argo CD, flux-web by Flux.\n',
  };
  for (const [app, port] of [
    ['argo-api', 8080],
    ['flux-web', 8081],
  ] as const) {
    files[`apps/${app}/base/deployment.yaml`] = deployment(app, port);
    files[`apps/${app}/base/service.yaml`] = service(app, port);
    files[`apps/${app}/base/kustomization.yaml`] = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - service.yaml\n';
    for (const cluster of clusters) files[`apps/${app}/envs/${cluster}/kustomization.yaml`] = overlay(app, tag, app === 'flux-web' ? 'shop' : undefined);
  }
  return files;
}
