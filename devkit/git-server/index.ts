import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { checkPushAuth, isPushRequest } from './auth.js';
import { runHttpBackend } from './cgi.js';
import { mustGit } from './git.js';
import { parseReceiveRequest, parseReportStatus } from './pkt-line.js';
import type { PushAttempt } from './push-log.js';
import { pushAttempts } from './push-log.js';

export type { PushAttempt } from './push-log.js';
export { GitWorkdir } from './workdir.js';

export interface GitServerOptions {
  /** Password every push must carry (any username). Default `sandbox`. */
  token?: string;
  host?: string;
  /** 0/undefined = a random port. */
  port?: number;
  /** Directory holding the bare repositories; default a fresh temp dir removed on stop(). */
  root?: string;
}

/** A push refused before git saw it because its token was wrong. */
export interface AuthFailure {
  repo: string;
  reason: 'missing' | 'wrong-token';
  status: number;
  at: string;
}

export interface GitServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  token: string;
  root: string;
  /** Anonymous clone/fetch URL of a repository, e.g. http://127.0.0.1:41234/gitops.git */
  repoUrl(name: string): string;
  /** The same URL with basic-auth credentials (username `git`), for pushing. */
  pushUrl(name: string, token?: string): string;
  /** Create an empty bare repository (branch `main`) that refuses non-fast-forward updates and deletes. */
  createRepo(name: string): Promise<string>;
  /** Every ref update a client attempted, accepted or not, in order. */
  readonly pushes: readonly PushAttempt[];
  readonly authFailures: readonly AuthFailure[];
  stop(): Promise<void>;
}

const REPO_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

function repoOf(pathname: string): string {
  return /^\/([^/]+)\.git(?:\/|$)/.exec(pathname)?.[1] ?? '';
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface State {
  root: string;
  token: string;
  pushes: PushAttempt[];
  authFailures: AuthFailure[];
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="kube-sim git"' });
  res.end(`${text}\n`);
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://git');
  const repo = repoOf(url.pathname);
  if (!REPO_NAME.test(repo)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('no such repository\n');
    return;
  }
  let user: string | undefined;
  const push = isPushRequest(url.pathname, url.searchParams);
  if (push) {
    const auth = checkPushAuth(req.headers.authorization, state.token);
    if (!auth.ok) {
      // A client's first request never carries credentials (git waits for the 401 challenge), so
      // only a rejected token counts as a failure worth recording.
      if (auth.reason === 'wrong-token') state.authFailures.push({ repo, reason: auth.reason, status: auth.status, at: new Date().toISOString() });
      deny(res, auth.status, auth.reason === 'missing' ? 'pushing needs HTTP basic auth (password = the sandbox git token)' : 'wrong token');
      return;
    }
    user = auth.user;
  }
  const body = await readRaw(req);
  const encoding = req.headers['content-encoding'];
  const receive = req.method === 'POST' && url.pathname.endsWith('/git-receive-pack');
  const request = receive ? parseReceiveRequest(encoding === 'gzip' ? gunzipSync(body) : body) : undefined;
  const out = await runHttpBackend({
    projectRoot: state.root,
    method: req.method ?? 'GET',
    pathInfo: url.pathname,
    query: url.search.replace(/^\?/, ''),
    remoteAddr: req.socket.remoteAddress ?? '127.0.0.1',
    body,
    ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
    ...(typeof encoding === 'string' ? { contentEncoding: encoding } : {}),
    ...(typeof req.headers['git-protocol'] === 'string' ? { gitProtocol: req.headers['git-protocol'] } : {}),
    ...(user ? { remoteUser: user } : {}),
  });
  if (request && request.commands.length > 0) {
    const sideBand = request.capabilities.some((c) => c === 'side-band-64k' || c === 'side-band');
    const verdicts = parseReportStatus(out.body, sideBand);
    state.pushes.push(...(await pushAttempts(repo, join(state.root, `${repo}.git`), user ?? '', request.commands, verdicts)));
  }
  res.writeHead(out.status, Object.fromEntries(out.headers));
  res.end(out.body);
}

/**
 * A Git server for tests and the sandbox: Debian's `git http-backend` behind a small HTTP wrapper
 * on loopback. Anonymous reads; pushes need basic auth with the token; non-fast-forward updates
 * and ref deletions are refused by git itself (receive.denyNonFastForwards / denyDeletes), and
 * every attempted ref update is recorded so tests can prove no force-push was ever tried.
 */
export async function startGitServer(options: GitServerOptions = {}): Promise<GitServer> {
  const ownRoot = !options.root;
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'git-server-')));
  await mkdir(root, { recursive: true });
  const state: State = { root, token: options.token ?? 'sandbox', pushes: [], authFailures: [] };
  const server = createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`git server error: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    token: state.token,
    root,
    pushes: state.pushes,
    authFailures: state.authFailures,
    repoUrl: (name) => `${base}/${name}.git`,
    pushUrl: (name, token = state.token) => `http://git:${encodeURIComponent(token)}@${base.slice('http://'.length)}/${name}.git`,
    createRepo: async (name) => {
      if (!REPO_NAME.test(name)) throw new Error(`repository name must match ${REPO_NAME.source}, got "${name}"`);
      const dir = join(root, `${name}.git`);
      await mustGit(['init', '--quiet', '--bare', '--initial-branch=main', dir]);
      for (const [key, value] of [
        ['receive.denyNonFastForwards', 'true'],
        ['receive.denyDeletes', 'true'],
        ['http.receivepack', 'true'],
      ] as const) {
        await mustGit(['--git-dir', dir, 'config', key, value]);
      }
      return `${base}/${name}.git`;
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownRoot) await rm(root, { recursive: true, force: true });
    },
  };
}
