import type { IncomingMessage } from 'node:http';
import { badRequest, StatusError } from '../status.js';
import type { ProtoTypes } from './registry.js';
import { messageToJson } from './to-json.js';

const MAGIC = Buffer.from('k8s\u0000', 'latin1');
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

interface Envelope {
  typeMeta?: { apiVersion?: string; kind?: string };
  raw?: Uint8Array;
  contentEncoding?: string;
}

function unsupported(message: string): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', message);
}

/**
 * Decode one Kubernetes protobuf body: the 4-byte magic `k8s\0`, then a runtime.Unknown whose
 * typeMeta names the kind and whose raw bytes are that kind's message.
 */
export function decodeProtobufBody(types: ProtoTypes, body: Buffer): unknown {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badRequest('protobuf body does not start with the Kubernetes magic prefix "k8s\\0"');
  }
  let envelope: Envelope;
  try {
    envelope = types.envelope().decode(body.subarray(MAGIC.length)) as Envelope;
  } catch (err) {
    throw badRequest(`cannot decode the protobuf envelope (runtime.Unknown): ${(err as Error).message}`);
  }
  const apiVersion = envelope.typeMeta?.apiVersion ?? '';
  const kind = envelope.typeMeta?.kind ?? '';
  if (!kind) throw badRequest("Object 'Kind' is missing in the protobuf envelope");
  if (envelope.contentEncoding) throw unsupported(`protobuf content encoding "${envelope.contentEncoding}" is not supported; send it unencoded`);
  const type = types.lookup(apiVersion, kind);
  if (!type) {
    throw unsupported(`kube-sim cannot decode protobuf for kind "${kind}" (apiVersion "${apiVersion}"); send it as application/json instead`);
  }
  let message: Record<string, unknown>;
  try {
    message = type.decode(envelope.raw ?? new Uint8Array()) as unknown as Record<string, unknown>;
  } catch (err) {
    throw badRequest(`cannot decode ${kind} (${apiVersion}) from protobuf: ${(err as Error).message}`);
  }
  return { apiVersion, kind, ...(messageToJson(type, message) as object) };
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The request body as JSON text. A protobuf body is decoded and the request's Content-Type becomes
 * application/json, so every handler behind this one sees one format.
 */
export function requestBodyText(types: ProtoTypes, req: IncomingMessage, raw: Buffer): string {
  if (mediaType(req.headers['content-type']) !== PROTOBUF_MEDIA_TYPE) return raw.toString('utf8');
  const text = JSON.stringify(decodeProtobufBody(types, raw));
  req.headers['content-type'] = 'application/json';
  return text;
}
