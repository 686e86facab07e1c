import { compareMinor, parseKubeVersion, type KubeMinor } from './kube-version.js';

/** One API version of one or more kinds that Kubernetes deprecated and then stopped serving. */
export interface DeprecatedApi {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  removedIn: string;
  /** '' when the API went away without a successor (PodSecurityPolicy). */
  replacement: string;
}

const row = (apiVersion: string, kinds: string[], deprecatedIn: string, removedIn: string, replacement: string): DeprecatedApi => ({
  apiVersion,
  kinds,
  deprecatedIn,
  removedIn,
  replacement,
});

/**
 * Kubernetes' own removals, checked against the upstream deprecation guide ("Removed APIs by
 * release") with deprecation releases as Pluto records them. Alpha versions are left out: they
 * may vanish in any release and are rare in workload manifests.
 */
export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  // 1.16: the pre-apps/v1 workload and policy groups.
  row('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1'),
  row('apps/v1beta1', ['Deployment', 'StatefulSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1'),
  row('apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1'),
  row('extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', 'networking.k8s.io/v1'),
  row('extensions/v1beta1', ['PodSecurityPolicy'], '1.10', '1.16', 'policy/v1beta1'),
  // 1.22: the big beta clean-up.
  row('extensions/v1beta1', ['Ingress'], '1.14', '1.22', 'networking.k8s.io/v1'),
  row('networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], '1.19', '1.22', 'networking.k8s.io/v1'),
  row('admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.16', '1.22', 'admissionregistration.k8s.io/v1'),
  row('apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.16', '1.22', 'apiextensions.k8s.io/v1'),
  row('apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', 'apiregistration.k8s.io/v1'),
  row('authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', '1.22', 'authentication.k8s.io/v1'),
  row('authorization.k8s.io/v1beta1', ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], '1.19', '1.22', 'authorization.k8s.io/v1'),
  row('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', 'certificates.k8s.io/v1'),
  row('coordination.k8s.io/v1beta1', ['Lease'], '1.19', '1.22', 'coordination.k8s.io/v1'),
  row('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', 'rbac.authorization.k8s.io/v1'),
  row('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1'),
  row('storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.19', '1.22', 'storage.k8s.io/v1'),
  // 1.25
  row('batch/v1beta1', ['CronJob'], '1.21', '1.25', 'batch/v1'),
  row('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', 'discovery.k8s.io/v1'),
  row('events.k8s.io/v1beta1', ['Event'], '1.19', '1.25', 'events.k8s.io/v1'),
  row('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', 'autoscaling/v2'),
  row('policy/v1beta1', ['PodDisruptionBudget'], '1.21', '1.25', 'policy/v1'),
  row('policy/v1beta1', ['PodSecurityPolicy'], '1.21', '1.25', ''),
  row('node.k8s.io/v1beta1', ['RuntimeClass'], '1.22', '1.25', 'node.k8s.io/v1'),
  // 1.26, 1.27, 1.29, 1.32
  row('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', 'autoscaling/v2'),
  row('flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1'),
  row('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', 'storage.k8s.io/v1'),
  row('flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1'),
  row('flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1'),
];

export type ApiVerdict =
  /** Not served by the target version: applying or upgrading anything that uses it fails. */
  | { state: 'removed'; api: DeprecatedApi }
  /** Still served by the target version, but on its way out. */
  | { state: 'deprecated'; api: DeprecatedApi };

const minorOf = (text: string): KubeMinor => {
  const v = parseKubeVersion(text);
  if (!v) throw new Error(`bad version in the deprecated API table: ${text}`);
  return v;
};

/**
 * What the target version makes of `apiVersion` + `kind`: removed, deprecated, or undefined when it
 * is fine (or unknown to the table, e.g. a CRD's own group).
 */
export function lookupDeprecatedApi(apiVersion: string, kind: string, target: KubeMinor, table: readonly DeprecatedApi[] = DEPRECATED_APIS): ApiVerdict | undefined {
  const api = table.find((r) => r.apiVersion === apiVersion && r.kinds.includes(kind));
  if (!api) return undefined;
  if (compareMinor(target, minorOf(api.removedIn)) >= 0) return { state: 'removed', api };
  if (compareMinor(target, minorOf(api.deprecatedIn)) >= 0) return { state: 'deprecated', api };
  return undefined;
}

/** `extensions/v1beta1 Ingress "web": removed in 1.22; use networking.k8s.io/v1`. */
export function describeVerdict(kind: string, name: string, verdict: ApiVerdict): string {
  const { api } = verdict;
  const when = verdict.state === 'removed' ? `removed in ${api.removedIn}` : `deprecated since ${api.deprecatedIn}, removed in ${api.removedIn}`;
  const instead = api.replacement ? `use ${api.replacement}` : 'no replacement API; migrate away from it';
  return `${api.apiVersion} ${kind}${name ? ` "${name}"` : ''}: ${when}; ${instead}`;
}
