import { selectorMatches } from '../selectors.js';
import type { Container, KubeObject, Obj } from '../types.js';
import { isObj } from '../types.js';
import { isPodReady } from './pod-util.js';

/** What a run-to-completion container printed and how it exited. */
export interface CommandOutcome {
  exitCode: number;
  output: string[];
}

interface Target {
  tool: 'wget' | 'curl';
  host: string;
  port: number;
  /** As the user wrote it, for the messages. */
  text: string;
}

const HTTP_TOOLS = new Set(['wget', 'curl']);

/** The URL argument of `wget URL` / `curl URL` (flags skipped), or undefined for any other command. */
function httpTarget(c: Container): Target | undefined {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const argv = [...strings(c.command), ...strings(c.args)];
  const tool = (argv[0] ?? '').split('/').pop() ?? '';
  if (!HTTP_TOOLS.has(tool)) return undefined;
  const url = argv.slice(1).find((a) => !a.startsWith('-'));
  if (!url) return undefined;
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?/.exec(url);
  if (!m) return undefined;
  const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
  return { tool: tool === 'curl' ? 'curl' : 'wget', host: m[2] ?? '', port, text: `${m[2] ?? ''}:${port}` };
}

export interface ClusterLookup {
  services: (ns: string) => KubeObject[];
  pods: (ns: string) => KubeObject[];
  namespaceExists: (ns: string) => boolean;
}

/**
 * The namespace and Service name a host means as cluster DNS would resolve it from a pod in
 * `namespace` (svc, svc.ns, svc.ns.svc[.cluster.local]); undefined for names cluster DNS would send
 * upstream (example.com, an IP), which kube-sim does not judge.
 */
function clusterName(host: string, namespace: string, lookup: ClusterLookup): { ns: string; name: string } | undefined {
  const parts = host.split('.');
  const [name = '', ns = namespace] = parts;
  if (parts.length === 1) return { ns, name };
  const rest = parts.slice(2).join('.');
  if (parts.length > 2) return rest === 'svc' || rest === 'svc.cluster.local' ? { ns, name } : undefined;
  return lookup.namespaceExists(ns) ? { ns, name } : undefined;
}

/** Whether a pod serves a Service port: a numeric targetPort always, a named one only when a container declares it. */
function servesPort(pod: KubeObject, targetPort: unknown): boolean {
  if (typeof targetPort !== 'string') return true;
  const containers = isObj(pod.spec) && Array.isArray(pod.spec.containers) ? pod.spec.containers.filter(isObj) : [];
  return containers.some((c) => Array.isArray(c.ports) && c.ports.some((p) => isObj(p) && p.name === targetPort));
}

/** Whether the endpoints controller would list a ready address for this Service port. */
function hasReadyEndpoint(svc: KubeObject, port: Obj, pods: (ns: string) => KubeObject[]): boolean {
  const spec = isObj(svc.spec) ? svc.spec : {};
  if (!isObj(spec.selector)) return false;
  const selector = { matchLabels: spec.selector as Record<string, string> };
  return pods(svc.metadata.namespace ?? '').some(
    (p) => !p.metadata.deletionTimestamp && isPodReady(p) && selectorMatches(selector, p.metadata.labels ?? {}) && servesPort(p, port.targetPort ?? port.port),
  );
}

/**
 * The outcome of a `wget`/`curl` to a Service (what `helm create`'s test pod runs), as busybox wget
 * or curl report it: the name must be a Service, the port one of its ports, and a Ready pod must back it;
 * otherwise the command fails as it would on a cluster. Other commands: undefined (they just exit 0).
 */
export function httpCommandOutcome(
  pod: KubeObject,
  c: Container,
  lookup: ClusterLookup,
): CommandOutcome | undefined {
  const target = httpTarget(c);
  if (!target || /^[\d.]+$/.test(target.host)) return undefined;
  const where = clusterName(target.host, pod.metadata.namespace ?? 'default', lookup);
  if (!where) return undefined;
  const svc = lookup.services(where.ns).find((x) => x.metadata.name === where.name);
  const curl = target.tool === 'curl';
  if (!svc) return curl ? { exitCode: 6, output: [`curl: (6) Could not resolve host: ${target.host}`] } : { exitCode: 1, output: [`wget: bad address '${target.text}'`] };
  const spec: Obj = isObj(svc.spec) ? svc.spec : {};
  const ip = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  const connecting = `Connecting to ${target.text} (${ip}:${target.port})`;
  const port = (Array.isArray(spec.ports) ? spec.ports.filter(isObj) : []).find((p) => p.port === target.port);
  if (!port || !hasReadyEndpoint(svc, port, lookup.pods)) {
    if (curl) return { exitCode: 7, output: [`curl: (7) Failed to connect to ${target.host} port ${target.port} after 0 ms: Couldn't connect to server`] };
    return { exitCode: 1, output: [connecting, `wget: can't connect to remote host (${ip}): Connection refused`] };
  }
  // kube-sim serves no response body, so a successful curl prints nothing.
  if (curl) return { exitCode: 0, output: [] };
  return {
    exitCode: 0,
    output: [connecting, "saving to 'index.html'", 'index.html           100% |********************************|   615  0:00:00 ETA', "'index.html' saved"],
  };
}
