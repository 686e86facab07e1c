import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseApiArgs, parseUpload, readRaw, sendJson, sendText } from './http-body.js';
import { storeUpload } from './methods-files.js';
import type { ResponseUrls } from './response-urls.js';
import type { SocketHub } from './socket-hub.js';
import type { SimState } from './state.js';
import { handleApiCall } from './web-api.js';

/** Extra routes (the console). Returns true when it answered. */
export type RouteHook = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface ServerDeps {
  state: SimState;
  hub: SocketHub;
  responses: ResponseUrls;
  extraRoutes?: RouteHook;
}

async function api(d: ServerDeps, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  const raw = await readRaw(req);
  let args: Record<string, unknown>;
  try {
    args = parseApiArgs(raw, req.headers['content-type']);
  } catch {
    sendJson(res, 200, { ok: false, error: 'invalid_json' });
    return;
  }
  const auth = req.headers.authorization;
  const bearer = auth?.startsWith('Bearer ') === true ? auth.slice('Bearer '.length) : undefined;
  const answer = handleApiCall(d.state, {
    method, args, bearer, openSocketUrl: () => d.hub.issueUrl(d.state.url),
  });
  sendJson(res, answer.status, answer.body, answer.headers);
}

async function upload(d: ServerDeps, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const bytes = await parseUpload(await readRaw(req), req.headers['content-type']);
  if (!storeUpload(d.state, id, bytes)) sendText(res, 404, 'file not found');
  else sendText(res, 200, `OK - ${bytes.length}`);
}

async function response(d: ServerDeps, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const raw = (await readRaw(req)).toString('utf8');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    sendJson(res, 400, { ok: false, error: 'invalid_payload' });
    return;
  }
  const answer = d.responses.post(id, body);
  sendJson(res, answer.status, answer.body);
}

function file(d: ServerDeps, res: ServerResponse, id: string): void {
  const f = d.state.files.find((x) => x.id === id && x.uploaded);
  if (!f) sendText(res, 404, 'file not found');
  else sendText(res, 200, f.content);
}

async function route(d: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const [, first, second] = url.pathname.split('/').map(decodeURIComponent);
  const post = req.method === 'POST';
  if (post && first === 'api' && second) return api(d, req, res, second);
  if (post && first === 'upload' && second) return upload(d, req, res, second);
  if (post && first === 'response' && second) return response(d, req, res, second);
  if (req.method === 'GET' && first === 'files' && second) return file(d, res, second);
  if (d.extraRoutes && (await d.extraRoutes(req, res, url))) return undefined;
  sendText(res, 404, 'not found');
  return undefined;
}

export function createSimServer(d: ServerDeps): Server {
  const server = createServer((req, res) => {
    route(d, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(err) });
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').startsWith('/socket')) d.hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  return server;
}
