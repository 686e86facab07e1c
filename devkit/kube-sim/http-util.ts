import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, StatusError } from './status.js';

/** The raw body: a protobuf body must reach its decoder as bytes, not as UTF-8 text. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function parseJsonBody(body: string): unknown {
  if (body.startsWith('k8s\u0000')) {
    throw new StatusError(415, 'UnsupportedMediaType', 'a protobuf body needs Content-Type: application/vnd.kubernetes.protobuf');
  }
  if (!body.trim()) throw badRequest('request body is empty');
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): number {
  const status = err instanceof StatusError ? err : new StatusError(500, 'InternalError', `Internal error occurred: ${(err as Error).message}`);
  sendJson(res, status.code, status.toStatus());
  return status.code;
}
