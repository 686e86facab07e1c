import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Fields @slack/web-api JSON-stringifies when it form-encodes a call. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata', 'user_auth_blocks']);

/**
 * Parse a Web API body the way Slack does: form-encoded (nested fields are JSON strings) or JSON.
 * Returns undefined when a JSON-ish form field does not parse (Slack: invalid_arguments / *_format).
 */
export function parseApiArgs(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const ct = (contentType ?? '').toLowerCase();
  const text = raw.toString('utf8');
  if (ct.startsWith('application/json')) {
    const parsed: unknown = text.length > 0 ? JSON.parse(text) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    args[k] = JSON_FIELDS.has(k) && /^\s*[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return args;
}

/** multipart/form-data (the upload step of filesUploadV2) or raw bytes. */
export async function parseUpload(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!(contentType ?? '').toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType ?? '' } }).formData();
  for (const [, v] of form) {
    if (typeof v !== 'string') return Buffer.from(await v.arrayBuffer());
  }
  const first = form.values().next();
  return Buffer.from(first.done === true ? '' : String(first.value));
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}
