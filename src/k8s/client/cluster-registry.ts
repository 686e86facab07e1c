import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PolicyV1Api,
  ServerConfiguration,
  Watch,
  createConfiguration,
  type Configuration,
} from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { ShipmateError } from '../../core/errors.js';
import { createInstrumentedHttpLibrary, type ApiCallEvent } from './http-library.js';
import { createRawRequester, type QueryValue, type RawRequester } from './raw-request.js';
import { requestInfo } from './request-info.js';

/** Taken structurally from config: a kubeconfig context, or the pod's own service account. */
export type ClusterSource = { context: string } | { inCluster: true };

export interface ClusterRegistryOptions {
  clusters: Record<string, ClusterSource>;
  /** Kubeconfig file; default: KUBECONFIG / ~/.kube/config as client-node resolves them. */
  kubeconfigPath?: string;
  logger: Logger;
  onApiCall?: (event: ApiCallEvent) => void;
  /** Per-request timeout (default 15 s). Watches are bounded by their caller instead. */
  requestTimeoutMs?: number;
}

export type WatchHandler = (type: string, object: Record<string, unknown>) => void;

export interface ClusterClients {
  cluster: string;
  core: CoreV1Api;
  apps: AppsV1Api;
  policy: PolicyV1Api;
  custom: CustomObjectsApi;
  objects: KubernetesObjectApi;
  kubeConfig: KubeConfig;
  server: URL;
  /** Raw JSON REST call through the same instrumented transport. */
  request: RawRequester;
  /** Starts a watch; `done` is called once when it ends (error or close). Abort to stop it. */
  watch(path: string, query: Record<string, QueryValue>, onEvent: WatchHandler, done: (err: unknown) => void, signal: AbortSignal): Promise<void>;
}

export interface ClusterRegistry {
  names(): string[];
  /** Lazily built and cached per cluster; throws a `config` ShipmateError for unknown clusters or contexts. */
  clients(cluster: string): ClusterClients;
}

/** One KubeConfig and client set per configured cluster; nothing is shared between clusters. */
export function createClusterRegistry(options: ClusterRegistryOptions): ClusterRegistry {
  const cache = new Map<string, ClusterClients>();
  return {
    names: () => Object.keys(options.clusters),
    clients(cluster) {
      const hit = cache.get(cluster);
      if (hit) return hit;
      const source = options.clusters[cluster];
      if (!source) {
        throw new ShipmateError('config', `unknown cluster "${cluster}"; known: ${Object.keys(options.clusters).join(', ') || 'none'}`);
      }
      const built = buildClients(cluster, loadKubeConfig(cluster, source, options.kubeconfigPath), options);
      cache.set(cluster, built);
      return built;
    },
  };
}

function loadKubeConfig(cluster: string, source: ClusterSource, path: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  if ('inCluster' in source) {
    kc.loadFromCluster();
    assertInPod(cluster, kc);
    return kc;
  }
  if (path !== undefined) kc.loadFromFile(path);
  else kc.loadFromDefault();
  // loadFromDefault falls back to localhost when nothing is configured; naming the context
  // explicitly and checking it exists turns that silent fallback into a clear error.
  const ctx = kc.getContextObject(source.context);
  if (!ctx) {
    const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
    throw new ShipmateError('config', `cluster "${cluster}": kubeconfig has no context "${source.context}" (known: ${known})`);
  }
  kc.setCurrentContext(source.context);
  if (!kc.getCurrentCluster()) {
    throw new ShipmateError('config', `cluster "${cluster}": context "${source.context}" names a cluster missing from the kubeconfig`);
  }
  return kc;
}

// loadFromCluster never fails: outside a pod it yields `https://undefined:undefined` and a token
// file that does not exist, and the first request fails much later with a confusing error.
function assertInPod(cluster: string, kc: KubeConfig): void {
  const server = kc.getCurrentCluster()?.server ?? '';
  const tokenFile = kc.getCurrentUser()?.authProvider?.config?.tokenFile as string | undefined;
  if (server.includes('//undefined') || server.endsWith(':undefined') || (tokenFile !== undefined && !existsSync(tokenFile))) {
    throw new ShipmateError(
      'config',
      `cluster "${cluster}": inCluster is set, but Shipmate is not running in a pod (no KUBERNETES_SERVICE_HOST/PORT or service-account token); use a kubeconfig context instead`,
    );
  }
}

function buildClients(cluster: string, kc: KubeConfig, options: ClusterRegistryOptions): ClusterClients {
  const server = kc.getCurrentCluster()?.server ?? '';
  const logger = options.logger.child({ cluster });
  const http = createInstrumentedHttpLibrary({
    cluster,
    timeoutMs: options.requestTimeoutMs ?? 15_000,
    ...(options.onApiCall ? { onApiCall: options.onApiCall } : {}),
    onWarning: (warning, e) => logger.warn({ verb: e.verb, resource: e.resource, warning }, 'Kubernetes API warning'),
  });
  const config: Configuration = createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kc },
    httpApi: http,
  });
  return {
    cluster,
    core: new CoreV1Api(config),
    apps: new AppsV1Api(config),
    policy: new PolicyV1Api(config),
    custom: new CustomObjectsApi(config),
    objects: new KubernetesObjectApi(config),
    kubeConfig: kc,
    server: new URL(server),
    request: createRawRequester(kc, server, http),
    watch: (path, query, onEvent, done, signal) => startWatch({ cluster, kc, path, query, onEvent, done, signal, options }),
  };
}

interface WatchArgs {
  cluster: string;
  kc: KubeConfig;
  path: string;
  query: Record<string, QueryValue>;
  onEvent: WatchHandler;
  done: (err: unknown) => void;
  signal: AbortSignal;
  options: ClusterRegistryOptions;
}

async function startWatch(a: WatchArgs): Promise<void> {
  const started = performance.now();
  const info = requestInfo('GET', `${a.path}?watch=true`);
  let reported = false;
  const report = (code: number): void => {
    if (reported) return;
    reported = true;
    a.options.onApiCall?.({ cluster: a.cluster, verb: info.verb, resource: info.resource, code, ms: performance.now() - started });
  };
  const controller = await new Watch(a.kc).watch(
    a.path,
    a.query,
    (type, obj: Record<string, unknown>) => {
      report(200);
      a.onEvent(type, obj);
    },
    (err: unknown) => {
      report(statusOf(err));
      a.done(err);
    },
  );
  if (a.signal.aborted) controller.abort();
  else a.signal.addEventListener('abort', () => controller.abort(), { once: true });
}

function statusOf(err: unknown): number {
  if (err && typeof err === 'object' && 'statusCode' in err && typeof err.statusCode === 'number') return err.statusCode;
  return err ? 0 : 200;
}
