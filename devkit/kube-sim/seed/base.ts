import type { SimCluster } from '../cluster.js';
import { seedRbac } from './rbac.js';
import { seedKubernetesService } from './services.js';

const NODE_NAMES = ['node-a', 'node-b', 'node-c'];

/** A Ready node as a kubelet v1.31 registers it. */
export function nodeObject(name: string, index: number): object {
  const ip = `10.0.0.${11 + index}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/zone': `zone-${String.fromCharCode(97 + (index % 3))}`,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`] },
    status: {
      capacity: { cpu: '4', memory: '16374468Ki', pods: '110', 'ephemeral-storage': '101430960Ki' },
      allocatable: { cpu: '3920m', memory: '15226564Ki', pods: '110', 'ephemeral-storage': '93478772582' },
      conditions: [
        ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
      ].map(([type, status, reason, message]) => ({
        type,
        status,
        reason,
        message,
        lastHeartbeatTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        // The node registers first and its kubelet reports conditions after: never before creationTimestamp.
        lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      })),
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: `ec2${index}${'a'.repeat(29)}`,
        systemUUID: `ec2${index}0000-0000-0000-0000-000000000000`,
        bootID: `b00${index}0000-0000-0000-0000-000000000000`,
        kernelVersion: '6.1.119-129.201.amzn2023.x86_64',
        osImage: 'Amazon Linux 2023.6.20241212',
        containerRuntimeVersion: 'containerd://1.7.23',
        kubeletVersion: 'v1.31.4',
        kubeProxyVersion: 'v1.31.4',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** What every simulated cluster starts with: the system namespaces and three Ready nodes. */
export async function seedBase(cluster: SimCluster): Promise<void> {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    await cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } } });
  }
  for (const [i, name] of NODE_NAMES.entries()) {
    await cluster.create(nodeObject(name, i));
    await cluster.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: new Date().toISOString().replace('Z', '000Z') },
    });
  }
  await cluster.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
  await seedKubernetesService(cluster, NODE_NAMES.length);
  await seedRbac(cluster);
}
