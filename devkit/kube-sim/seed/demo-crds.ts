import type { SimCluster } from '../cluster.js';
import { ARGO_APPLICATION_COLUMNS } from '../gitops/crds.js';
import type { PrinterColumn } from '../table-crd.js';

interface CrdDef {
  group: string;
  plural: string;
  kind: string;
  scope?: 'Namespaced' | 'Cluster';
  short?: string[];
  version?: string;
  status?: boolean;
  columns?: PrinterColumn[];
}

/** Argo Rollouts' Rollout CRD columns. */
const ROLLOUT_COLUMNS: PrinterColumn[] = [
  { name: 'Desired', type: 'integer', jsonPath: '.spec.replicas' },
  { name: 'Current', type: 'integer', jsonPath: '.status.replicas' },
  { name: 'Up-to-date', type: 'integer', jsonPath: '.status.updatedReplicas' },
  { name: 'Available', type: 'integer', jsonPath: '.status.availableReplicas' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

const CRDS: CrdDef[] = [
  { group: 'velero.io', plural: 'backups', kind: 'Backup' },
  { group: 'velero.io', plural: 'schedules', kind: 'Schedule' },
  { group: 'velero.io', plural: 'backupstoragelocations', kind: 'BackupStorageLocation', short: ['bsl'] },
  { group: 'cert-manager.io', plural: 'certificates', kind: 'Certificate', short: ['cert', 'certs'], status: true },
  { group: 'cert-manager.io', plural: 'issuers', kind: 'Issuer', status: true },
  { group: 'cert-manager.io', plural: 'clusterissuers', kind: 'ClusterIssuer', scope: 'Cluster', status: true },
  { group: 'argoproj.io', plural: 'applications', kind: 'Application', short: ['app', 'apps'], version: 'v1alpha1', columns: ARGO_APPLICATION_COLUMNS },
  { group: 'argoproj.io', plural: 'rollouts', kind: 'Rollout', short: ['ro'], version: 'v1alpha1', status: true, columns: ROLLOUT_COLUMNS },
];

/** The third-party CRDs Shipmate's commands work with (velero, cert-manager, Argo CD/Rollouts). */
export async function seedDemoCrds(cluster: SimCluster): Promise<void> {
  for (const c of CRDS) {
    await cluster.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${c.plural}.${c.group}` },
      spec: {
        group: c.group,
        scope: c.scope ?? 'Namespaced',
        names: { plural: c.plural, singular: c.kind.toLowerCase(), kind: c.kind, listKind: `${c.kind}List`, ...(c.short ? { shortNames: c.short } : {}) },
        versions: [
          {
            name: c.version ?? 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            ...(c.status ? { subresources: { status: {} } } : {}),
            ...(c.columns ? { additionalPrinterColumns: c.columns } : {}),
          },
        ],
      },
    });
  }
}
