import { spawn } from 'node:child_process';
import { GIT_HTTP_BACKEND, isolatedGitEnv } from './git.js';

export interface CgiRequest {
  projectRoot: string;
  method: string;
  pathInfo: string;
  query: string;
  contentType?: string;
  contentEncoding?: string;
  gitProtocol?: string;
  remoteUser?: string;
  remoteAddr: string;
  body: Buffer;
}

export interface CgiResponse {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

function splitHeaders(out: Buffer): { head: string; body: Buffer } {
  for (const sep of ['\r\n\r\n', '\n\n']) {
    const at = out.indexOf(sep);
    if (at >= 0) return { head: out.subarray(0, at).toString('latin1'), body: out.subarray(at + sep.length) };
  }
  return { head: out.toString('latin1'), body: Buffer.alloc(0) };
}

/** Parse a CGI response: header lines, an optional "Status: 403 Forbidden", then the body. */
export function parseCgiOutput(out: Buffer): CgiResponse {
  const { head, body } = splitHeaders(out);
  let status = 200;
  const headers: [string, string][] = [];
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers.push([name, value]);
  }
  return { status, headers, body };
}

/**
 * Run Debian's git-http-backend as a CGI program for one request (RFC 3875 variables; argv array,
 * no shell). GIT_HTTP_EXPORT_ALL serves every repository under the project root.
 */
export function runHttpBackend(req: CgiRequest): Promise<CgiResponse> {
  const env = isolatedGitEnv({
    GIT_PROJECT_ROOT: req.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REQUEST_METHOD: req.method,
    PATH_INFO: req.pathInfo,
    QUERY_STRING: req.query,
    REMOTE_ADDR: req.remoteAddr,
    CONTENT_LENGTH: String(req.body.length),
    ...(req.contentType ? { CONTENT_TYPE: req.contentType } : {}),
    ...(req.contentEncoding ? { HTTP_CONTENT_ENCODING: req.contentEncoding } : {}),
    ...(req.gitProtocol ? { GIT_PROTOCOL: req.gitProtocol } : {}),
    ...(req.remoteUser ? { REMOTE_USER: req.remoteUser, AUTH_TYPE: 'Basic' } : {}),
  });
  return new Promise((resolve, reject) => {
    const child = spawn(GIT_HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const parsed = parseCgiOutput(Buffer.concat(out));
      if (code !== 0 && parsed.status === 200 && parsed.body.length === 0) {
        reject(new Error(`git-http-backend exited ${code}: ${Buffer.concat(err).toString('utf8').trim()}`));
        return;
      }
      resolve(parsed);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(req.body);
  });
}
