import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { InvalidError } from '../../core/errors.js';
import { runTool } from '../client/run-tool.js';
import type { KObject } from '../objects/k8s-object.js';

/** How Shipmate runs kustomize: `kubectl kustomize`, found the way the helm binary is (a configured path, else PATH). */
export interface KustomizeTool {
  /** The kubectl binary (default `kubectl` on PATH). */
  kubectl: string;
  /** PATH for the child; nothing else of Shipmate's environment reaches it. */
  path?: string | undefined;
  timeoutMs?: number | undefined;
}

export interface Rendered {
  objects: KObject[];
  /** `kustomize` when the path holds a kustomization file, `plain` for the YAML files under it. */
  how: 'kustomize' | 'plain';
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MAX_FILES = 2_000;

/** `spec.path` inside the checkout, refusing `..`, absolute paths and symlinks that lead out of it. */
async function insideRoot(root: string, path: string): Promise<string> {
  const realRoot = await realpath(root);
  const full = resolve(realRoot, path.replace(/^\/+/, '') || '.');
  const rel = relative(realRoot, full);
  if (rel === '..' || rel.startsWith(`..${sep}`)) throw new InvalidError(`spec.path "${path.slice(0, 80)}" leaves the repository`);
  const real = await realpath(full).catch(() => undefined);
  if (!real || !(await stat(real)).isDirectory()) throw new InvalidError(`spec.path "${path.slice(0, 80)}" is not a directory at this revision`);
  const realRel = relative(realRoot, real);
  if (realRel === '..' || realRel.startsWith(`..${sep}`)) throw new InvalidError(`spec.path "${path.slice(0, 80)}" leaves the repository through a symlink`);
  return real;
}

/**
 * The child's environment: no credentials, no kubeconfig, and no way out to the network. kustomize
 * fetches remote bases over HTTP(S) or git; the proxy points nowhere and git may use local files only,
 * so a repository cannot make Shipmate's pod fetch (and then show) an arbitrary URL.
 */
function kustomizeEnv(tool: KustomizeTool): NodeJS.ProcessEnv {
  const nowhere = 'http://127.0.0.1:9';
  return {
    PATH: tool.path ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: '/nonexistent',
    KUBECONFIG: '/dev/null',
    HTTP_PROXY: nowhere, HTTPS_PROXY: nowhere, http_proxy: nowhere, https_proxy: nowhere, NO_PROXY: '', no_proxy: '',
    GIT_ALLOW_PROTOCOL: 'file',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

async function kustomize(tool: KustomizeTool, dir: string, signal?: AbortSignal): Promise<string> {
  const out = await runTool(tool.kubectl, ['kustomize', dir], {
    env: kustomizeEnv(tool), timeoutMs: tool.timeoutMs ?? 60_000, signal,
    notFound: `the kubectl binary was not found at ${tool.kubectl} (set SHIPMATE_KUBECTL_PATH): kustomize cannot render the source`,
    cancelled: 'cancelled while kustomize was rendering the source',
    failed: (stderr, err) => {
      const text = stderr.trim().split('\n').slice(-3).join(' ').split(dir).join('<path>').slice(0, 500);
      return new InvalidError(`kustomize build failed: ${text || err.message}`, { cause: err });
    },
  });
  return out.stdout;
}

/** Every YAML document that is an object (a `List`'s items unwrapped); anything else is a clear error. */
export function parseManifests(text: string, where: string): KObject[] {
  const out: KObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new InvalidError(`${where}: invalid YAML (${doc.errors[0]?.message.split('\n')[0] ?? 'parse error'})`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const o = value as KObject & { items?: unknown };
    if (typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
      throw new InvalidError(`${where}: every manifest needs apiVersion, kind and metadata.name`);
    }
    if (o.kind.endsWith('List') && Array.isArray(o.items)) out.push(...(o.items as KObject[]));
    else out.push(o);
  }
  return out;
}

/** The YAML files under `dir`, sub-directories included (as Flux generates a kustomization for a plain directory), no dot-files, no symlinks. */
async function yamlFiles(dir: string, found: string[] = []): Promise<string[]> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await yamlFiles(full, found);
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(full);
    if (found.length > MAX_FILES) throw new InvalidError(`more than ${MAX_FILES} YAML files under the Kustomization's path`);
  }
  return found;
}

/**
 * Renders `path` of a checked-out commit as kustomize-controller builds it: `kubectl kustomize` when a
 * kustomization file is there, otherwise the plain YAML files under it.
 */
export async function renderFluxPath(opts: { root: string; path: string; tool: KustomizeTool; signal?: AbortSignal | undefined }): Promise<Rendered> {
  const dir = await insideRoot(opts.root, opts.path);
  for (const name of KUSTOMIZATION_FILES) {
    if (await stat(join(dir, name)).then((s) => s.isFile(), () => false)) {
      return { how: 'kustomize', objects: parseManifests(await kustomize(opts.tool, dir, opts.signal), 'kustomize output') };
    }
  }
  const objects: KObject[] = [];
  for (const file of await yamlFiles(dir)) objects.push(...parseManifests(await readFile(file, 'utf8'), relative(opts.root, file)));
  return { how: 'plain', objects };
}
