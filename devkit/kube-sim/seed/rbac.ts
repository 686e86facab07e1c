import type { SimCluster } from '../cluster.js';
import type { PolicyRule } from '../rbac/authorizer.js';
import { ADMIN_GROUP } from '../rbac/identity.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const WORKLOADS: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'serviceaccounts', 'events', 'limitranges', 'resourcequotas', 'replicationcontrollers'] },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets', 'controllerrevisions'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
];

const withVerbs = (rules: PolicyRule[], verbs: string[]): PolicyRule[] => rules.map((r) => ({ ...r, verbs }));

/**
 * The default ClusterRoles users are bound to (flattened: kube-sim does not aggregate), written
 * out rather than aggregated from `aggregate-to-*` labels.
 */
const ROLES: Record<string, PolicyRule[]> = {
  'cluster-admin': [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ],
  admin: [
    ...withVerbs(WORKLOADS, [...READ, ...WRITE]),
    { apiGroups: [''], resources: ['secrets', 'pods/exec', 'pods/portforward', 'pods/attach', 'pods/eviction'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
  ],
  edit: [
    ...withVerbs(WORKLOADS, [...READ, ...WRITE]),
    { apiGroups: [''], resources: ['secrets', 'pods/exec', 'pods/portforward', 'pods/attach', 'pods/eviction'], verbs: [...READ, ...WRITE] },
  ],
  view: withVerbs(WORKLOADS, READ),
  'system:basic-user': [
    { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ],
  'system:discovery': [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }],
};

const BINDINGS: { name: string; role: string; group: string }[] = [
  { name: 'cluster-admin', role: 'cluster-admin', group: 'system:masters' },
  // The kubeconfig's user is in this group: cluster-admin as on a kubeadm cluster.
  { name: ADMIN_GROUP, role: 'cluster-admin', group: ADMIN_GROUP },
  { name: 'system:basic-user', role: 'system:basic-user', group: 'system:authenticated' },
  { name: 'system:discovery', role: 'system:discovery', group: 'system:authenticated' },
];

/** The bootstrap RBAC objects of a fresh cluster. */
export async function seedRbac(cluster: SimCluster): Promise<void> {
  for (const [name, rules] of Object.entries(ROLES)) {
    await cluster.create({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels: BOOTSTRAP, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } }, rules });
  }
  for (const b of BINDINGS) {
    await cluster.create({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: b.name, labels: BOOTSTRAP, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: b.group }],
    });
  }
}
