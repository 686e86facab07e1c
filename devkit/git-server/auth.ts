import { createHash, timingSafeEqual } from 'node:crypto';

export type PushAuth = { ok: true; user: string } | { ok: false; status: 401; reason: 'missing' | 'wrong-token' };

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/**
 * HTTP basic auth as the sandbox's Git server checks it for pushes: any username, the password
 * must be the configured token (compared in constant time).
 */
export function checkPushAuth(header: string | undefined, token: string): PushAuth {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m?.[1]) return { ok: false, status: 401, reason: 'missing' };
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
  const password = colon >= 0 ? decoded.slice(colon + 1) : '';
  if (!timingSafeEqual(digest(password), digest(token))) return { ok: false, status: 401, reason: 'wrong-token' };
  return { ok: true, user: user || 'token' };
}

/** Whether a smart-HTTP request belongs to a push (ref advertisement for, or the call of, receive-pack). */
export function isPushRequest(pathname: string, query: URLSearchParams): boolean {
  return pathname.endsWith('/git-receive-pack') || query.get('service') === 'git-receive-pack';
}
