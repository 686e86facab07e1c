import type { SimCluster } from '../cluster.js';

/**
 * `default/kubernetes`: the Service every cluster has for its apiserver, with the Endpoints and
 * EndpointSlice the apiserver itself maintains (one endpoint per control-plane address).
 */
export async function seedKubernetesService(cluster: SimCluster, controlPlanes: number): Promise<void> {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  const addresses = Array.from({ length: controlPlanes }, (_, i) => `10.0.0.${11 + i}`);
  await cluster.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
    status: { loadBalancer: {} },
  });
  await cluster.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: addresses.map((ip) => ({ ip })), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  await cluster.create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: addresses.map((ip) => ({ addresses: [ip], conditions: { ready: true, serving: true, terminating: false } })),
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
}
