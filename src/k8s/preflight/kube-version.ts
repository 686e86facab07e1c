/** A Kubernetes release as far as API removals and version skew care: major.minor. */
export interface KubeMinor {
  major: number;
  minor: number;
}

/**
 * Reads `1.32`, `1.32.1`, `v1.31.4`, `v1.31.4-eks-abcdef` or `v1.30.2+k3s1` (kubelet versions carry
 * vendor suffixes); undefined when there is no major.minor to read.
 */
export function parseKubeVersion(text: string): KubeMinor | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Negative when a is older than b. */
export function compareMinor(a: KubeMinor, b: KubeMinor): number {
  return a.major === b.major ? a.minor - b.minor : a.major - b.major;
}

export function formatMinor(v: KubeMinor): string {
  return `${v.major}.${v.minor}`;
}
