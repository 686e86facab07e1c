import type { Def, SubresourceType } from './resource-def.js';

/**
 * The API groups a v1.32 apiserver serves beyond the workload groups: RBAC, the authorization and
 * authentication reviews, networking, storage, discovery, and the cluster-plumbing groups that are
 * only stored and listed (no controller acts on them). `kubectl api-versions` lists all of them.
 */
const status = (kind: string): SubresourceType => ({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });
const CREATE_ONLY = ['create'];
const cluster = (plural: string, kind: string, extra: Partial<Def> = {}): Def => ({ plural, kind, namespaced: false, ...extra });

export const EXTRA_GROUPS: Record<string, Def[]> = {
  'rbac.authorization.k8s.io/v1': [
    cluster('clusterrolebindings', 'ClusterRoleBinding'),
    cluster('clusterroles', 'ClusterRole'),
    { plural: 'rolebindings', kind: 'RoleBinding' },
    { plural: 'roles', kind: 'Role' },
  ],
  'authorization.k8s.io/v1': [
    { plural: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', verbs: CREATE_ONLY },
    cluster('selfsubjectaccessreviews', 'SelfSubjectAccessReview', { verbs: CREATE_ONLY }),
    cluster('selfsubjectrulesreviews', 'SelfSubjectRulesReview', { verbs: CREATE_ONLY }),
    cluster('subjectaccessreviews', 'SubjectAccessReview', { verbs: CREATE_ONLY }),
  ],
  'authentication.k8s.io/v1': [cluster('selfsubjectreviews', 'SelfSubjectReview', { verbs: CREATE_ONLY }), cluster('tokenreviews', 'TokenReview', { verbs: CREATE_ONLY })],
  'networking.k8s.io/v1': [
    cluster('ingressclasses', 'IngressClass'),
    { plural: 'ingresses', kind: 'Ingress', short: ['ing'], sub: [status('Ingress')] },
    { plural: 'networkpolicies', kind: 'NetworkPolicy', short: ['netpol'] },
  ],
  'storage.k8s.io/v1': [
    cluster('csidrivers', 'CSIDriver'),
    cluster('csinodes', 'CSINode'),
    { plural: 'csistoragecapacities', kind: 'CSIStorageCapacity' },
    cluster('storageclasses', 'StorageClass', { short: ['sc'] }),
    cluster('volumeattachments', 'VolumeAttachment', { sub: [status('VolumeAttachment')] }),
  ],
  'discovery.k8s.io/v1': [{ plural: 'endpointslices', kind: 'EndpointSlice' }],
  'admissionregistration.k8s.io/v1': [
    cluster('mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', { cat: ['api-extensions'] }),
    cluster('validatingadmissionpolicies', 'ValidatingAdmissionPolicy', { cat: ['api-extensions'], sub: [status('ValidatingAdmissionPolicy')] }),
    cluster('validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', { cat: ['api-extensions'] }),
    cluster('validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', { cat: ['api-extensions'] }),
  ],
  'apiregistration.k8s.io/v1': [cluster('apiservices', 'APIService', { cat: ['api-extensions'], sub: [status('APIService')] })],
  'certificates.k8s.io/v1': [
    cluster('certificatesigningrequests', 'CertificateSigningRequest', {
      short: ['csr'],
      sub: [status('CertificateSigningRequest'), { name: 'approval', kind: 'CertificateSigningRequest', verbs: ['get', 'patch', 'update'] }],
    }),
  ],
  'flowcontrol.apiserver.k8s.io/v1': [
    cluster('flowschemas', 'FlowSchema', { sub: [status('FlowSchema')] }),
    cluster('prioritylevelconfigurations', 'PriorityLevelConfiguration', { sub: [status('PriorityLevelConfiguration')] }),
  ],
  'node.k8s.io/v1': [cluster('runtimeclasses', 'RuntimeClass')],
  'scheduling.k8s.io/v1': [cluster('priorityclasses', 'PriorityClass', { short: ['pc'] })],
};
