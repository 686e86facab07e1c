import { ApiFailure, type MethodResult } from './api-failure.js';
import { chatMethods } from './methods-chat.js';
import { directoryMethods } from './methods-directory.js';
import { fileMethods } from './methods-files.js';
import { pinMethods } from './methods-pins.js';
import { missingScope } from './scopes.js';
import type { SimState } from './state.js';
import type { RecordedCall } from './types.js';

type Method = (s: SimState, args: Record<string, unknown>) => MethodResult;

const METHODS: Record<string, Method> = { ...chatMethods, ...directoryMethods, ...fileMethods, ...pinMethods };

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface ApiRequest {
  method: string;
  args: Record<string, unknown>;
  /** Bearer token from the Authorization header, if any. */
  bearer: string | undefined;
  /** Socket Mode ticket issuer for apps.connections.open. */
  openSocketUrl: () => string;
}

function tokenError(s: SimState, method: string, token: string | undefined): string | undefined {
  if (token === undefined || token === '') return 'not_authed';
  if (method === 'apps.connections.open') {
    if (token === s.opts.appToken) return undefined;
    return token === s.opts.botToken ? 'not_allowed_token_type' : 'invalid_auth';
  }
  if (token === s.opts.botToken) return undefined;
  return token === s.opts.appToken ? 'not_allowed_token_type' : 'invalid_auth';
}

function run(s: SimState, req: ApiRequest): { body: Record<string, unknown>; warnings: string[] } {
  if (req.method === 'apps.connections.open') return { body: { ok: true, url: req.openSocketUrl() }, warnings: [] };
  const fn = METHODS[req.method];
  if (!fn) return { body: { ok: false, error: 'unknown_method' }, warnings: [] };
  try {
    const r = fn(s, req.args);
    return { body: { ok: true, ...r.body }, warnings: r.warnings ?? [] };
  } catch (err) {
    if (err instanceof ApiFailure) return { body: { ok: false, error: err.error, ...err.extra }, warnings: [] };
    throw err;
  }
}

/** Answer one Web API call: auth, rate limit, dispatch, and record it. */
export function handleApiCall(s: SimState, req: ApiRequest): ApiAnswer {
  const token = req.bearer ?? (typeof req.args.token === 'string' ? req.args.token : undefined);
  const args = { ...req.args };
  delete args.token;
  const call: RecordedCall = { method: req.method, args, at: Date.now(), ok: false, status: 200 };
  s.calls.push(call);
  const authErr = tokenError(s, req.method, token);
  if (authErr !== undefined) {
    call.error = authErr;
    call.response = { ok: false, error: authErr };
    return { status: 200, body: call.response, headers: {} };
  }
  const scopeErr = missingScope(req.method, s.opts.scopes);
  if (scopeErr !== undefined) {
    call.error = 'missing_scope';
    call.response = scopeErr;
    return { status: 200, body: scopeErr, headers: {} };
  }
  const channel = typeof args.channel === 'string' ? args.channel : undefined;
  const retryAfter = s.limiter.check(req.method, channel);
  if (retryAfter !== undefined) {
    call.status = 429;
    call.error = 'ratelimited';
    call.response = { ok: false, error: 'ratelimited' };
    return { status: 429, body: call.response, headers: { 'retry-after': String(retryAfter) } };
  }
  const { body, warnings } = run(s, req);
  call.ok = body.ok === true;
  if (!call.ok) call.error = String(body.error);
  if (warnings.length > 0) {
    call.warnings = warnings;
    body.warning = warnings.join(',');
    body.response_metadata = { warnings };
  }
  call.response = body;
  return { status: 200, body, headers: {} };
}
