import type { KObject } from '../objects/k8s-object.js';
import { blocker, warning, type CheckResult, type PreflightFinding } from './check-result.js';
import { compareMinor, formatMinor, parseKubeVersion, type KubeMinor } from './kube-version.js';

/**
 * How many minor versions a kubelet may trail the API server (version skew policy): three, except
 * kubelets older than 1.25, which may trail by two only.
 */
export function maxKubeletLag(kubelet: KubeMinor): number {
  return kubelet.major === 1 && kubelet.minor < 25 ? 2 : 3;
}

const kubeletVersion = (node: KObject): string =>
  ((node['status'] as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion ?? '');

/** A kubelet against the target API server: undefined when within the skew policy. */
export function kubeletSkew(kubelet: KubeMinor, target: KubeMinor): string | undefined {
  if (kubelet.major !== target.major) return `kubelet major version ${kubelet.major} differs from ${target.major}`;
  if (compareMinor(kubelet, target) > 0) return `kubelet ${formatMinor(kubelet)} would be newer than the API server ${formatMinor(target)}`;
  const lag = target.minor - kubelet.minor;
  const allowed = maxKubeletLag(kubelet);
  if (lag > allowed) return `kubelet ${formatMinor(kubelet)} would trail the API server ${formatMinor(target)} by ${lag} minor versions (at most ${allowed} allowed): upgrade the node first`;
  return undefined;
}

/** The control plane moves one minor version per upgrade and never back. */
function controlPlaneFinding(server: KubeMinor | undefined, target: KubeMinor): PreflightFinding | undefined {
  if (!server) return undefined;
  const step = compareMinor(target, server);
  if (step < 0) return blocker(`the API server runs ${formatMinor(server)}; ${formatMinor(target)} would be a downgrade, which Kubernetes does not support`);
  if (server.major === target.major && step > 1) {
    return blocker(`the API server runs ${formatMinor(server)}; the control plane upgrades one minor version at a time (${formatMinor(server)} → ${server.major}.${server.minor + 1} first)`);
  }
  return undefined;
}

/** Node kubelet versions (and the control plane's own step) against the target version. */
export function checkNodeSkew(nodes: readonly KObject[], target: KubeMinor, server: KubeMinor | undefined): CheckResult {
  const findings: PreflightFinding[] = [];
  const plane = controlPlaneFinding(server, target);
  if (plane) findings.push(plane);
  const versions = new Map<string, number>();
  for (const node of nodes) {
    const text = kubeletVersion(node);
    versions.set(text || 'unknown', (versions.get(text || 'unknown') ?? 0) + 1);
    const kubelet = parseKubeVersion(text);
    const name = node.metadata?.name ?? '?';
    if (!kubelet) {
      findings.push(warning(`node/${name} reports no readable kubelet version ("${text}")`));
      continue;
    }
    const skew = kubeletSkew(kubelet, target);
    if (skew) findings.push(blocker(`node/${name}: ${skew}`));
  }
  const spread = [...versions.entries()].map(([v, n]) => `${v} ×${n}`).join(', ');
  return {
    title: 'Node versions',
    findings,
    notes: [`API server ${server ? formatMinor(server) : 'version unknown'}; ${nodes.length} node(s): ${spread || 'none'}`],
  };
}
