import type { Container, PodSpec } from './types.js';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

const TRACKED = ['cpu', 'memory'];

/**
 * The pod's QoS class as the kubelet computes it (`v1qos.GetPodQOS`): BestEffort without any cpu or
 * memory request or limit; Guaranteed when every container limits both and requests equal limits
 * (a missing request defaults to the limit); Burstable otherwise.
 */
export function qosClass(spec: PodSpec | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = (c.resources ?? {}) as Resources;
    const requests = r.requests ?? {};
    const limits = r.limits ?? {};
    for (const name of TRACKED) {
      if (requests[name] !== undefined || limits[name] !== undefined) any = true;
      const limit = limits[name];
      const request = requests[name] ?? limit;
      if (limit === undefined || request !== limit) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
