import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDriver } from '../app-driver.js';
import { readRaw, sendJson, sendText } from '../http-body.js';
import type { RouteHook } from '../server.js';
import type { SimState } from '../state.js';
import { consoleState } from './state-view.js';
import { CONSOLE_HTML } from './page.js';

export interface ConsoleDeps {
  state: SimState;
  driver: AppDriver;
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readRaw(req)).toString('utf8');
  return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `/k8s status api-service prod` → command `/k8s`, text `status api-service prod`. */
export function splitCommand(input: string): { command: string; text: string } {
  const trimmed = input.trim();
  const m = /^(\/\S+)\s*([\s\S]*)$/.exec(trimmed);
  return m ? { command: m[1] ?? '/k8s', text: m[2] ?? '' } : { command: '/k8s', text: trimmed };
}

async function command(d: ConsoleDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const b = await jsonBody(req);
  const { command: cmd, text } = splitCommand(str(b.text));
  const result = await d.driver.slashCommand({ user: str(b.user), channel: str(b.channel), command: cmd, text });
  sendJson(res, 200, { ok: result.acked, result });
}

async function click(d: ConsoleDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const b = await jsonBody(req);
  const result = await d.driver.clickButton({
    user: str(b.user), channel: str(b.channel), messageTs: str(b.messageTs), actionId: str(b.actionId),
  });
  sendJson(res, 200, { ok: result.acked, result });
}

/** The web console: the page at GET /, a polled state endpoint, and command/click actions. */
export function createConsoleRoutes(d: ConsoleDeps): RouteHook {
  return async (req, res, url) => {
    const get = req.method === 'GET';
    if (get && (url.pathname === '/' || url.pathname === '/console')) {
      sendText(res, 200, CONSOLE_HTML, 'text/html; charset=utf-8');
      return true;
    }
    if (get && url.pathname === '/console/api/state') {
      const q = url.searchParams;
      sendJson(res, 200, consoleState(d.state, { channel: q.get('channel') ?? '', user: q.get('user') ?? '', since: Number(q.get('since') ?? -1) }));
      return true;
    }
    if (req.method !== 'POST') return false;
    try {
      if (url.pathname === '/console/api/command') await command(d, req, res);
      else if (url.pathname === '/console/api/click') await click(d, req, res);
      else return false;
    } catch (err) {
      sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
    }
    return true;
  };
}
