import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterApi } from '../api.js';
import { StatusError } from '../status.js';
import type { Obj } from '../types.js';
import { groupVersionDocument, groupVersionPaths, swaggerDocument } from './documents.js';
import type { SchemaModel } from './model.js';
import { SchemaModels } from './model.js';
import { OPENAPI_V2_PROTOBUF, SwaggerProtobuf } from './v2-protobuf.js';

interface Rendered {
  text: string;
  hash: string;
}

function render(doc: Obj): Rendered {
  const text = JSON.stringify(doc);
  return { text, hash: createHash('sha512').update(text).digest('hex').toUpperCase() };
}

function send(res: ServerResponse, code: number, text: string, headers: Record<string, string> = {}): number {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
  return code;
}

/**
 * /openapi/v2 and /openapi/v3[/<group version>]: rendered on first request, kept until the served
 * kinds or CRDs change, so resource reads and writes never pay for them.
 */
export class OpenApiServer {
  readonly models: SchemaModels;
  private rendered = new Map<string, Rendered>();
  private signature = '';
  private readonly swaggerProtobuf = new SwaggerProtobuf();
  private protobufV2 = new Map<string, Buffer>();

  constructor(api: ClusterApi) {
    this.models = new SchemaModels(api);
  }

  private cachedRender(key: string, build: () => Obj | undefined): Rendered | undefined {
    if (this.models.lastSignature !== this.signature) {
      this.rendered = new Map();
      this.signature = this.models.lastSignature;
    }
    let out = this.rendered.get(key);
    if (!out) {
      const doc = build();
      if (!doc) return undefined;
      out = render(doc);
      this.rendered.set(key, out);
    }
    return out;
  }

  private v3Index(model: SchemaModel): Obj {
    const paths: Record<string, Obj> = {};
    for (const gv of groupVersionPaths(model)) {
      const doc = this.cachedRender(gv.path, () => groupVersionDocument(model, gv.group, gv.version));
      if (doc) paths[gv.path] = { serverRelativeURL: `/openapi/v3/${gv.path}?hash=${doc.hash}` };
    }
    return { paths };
  }

  /** JSON unless the client asks for gnostic protobuf ahead of JSON, as kubectl and helm do. */
  private serveV2(req: IncomingMessage, res: ServerResponse, model: SchemaModel): number {
    const accept = req.headers.accept ?? '';
    const json = this.cachedRender('v2', () => swaggerDocument(model));
    if (!json) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (!accept.includes(OPENAPI_V2_PROTOBUF) || /application\/json/.test(accept.split(OPENAPI_V2_PROTOBUF)[0] ?? '')) return send(res, 200, json.text, { Etag: `"${json.hash}"` });
    let pb = this.protobufV2.get(json.hash);
    if (!pb) {
      pb = this.swaggerProtobuf.encode(JSON.parse(json.text) as Obj);
      this.protobufV2 = new Map([[json.hash, pb]]);
    }
    res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': pb.length, Etag: `"${json.hash}"` });
    res.end(pb);
    return 200;
  }

  /** Serve one /openapi/... GET; the segments are the path after "openapi". */
  serve(req: IncomingMessage, res: ServerResponse, segments: string[], query: URLSearchParams): number {
    const model = this.models.current();
    if (segments[0] === 'v2' && segments.length === 1) return this.serveV2(req, res, model);
    if (segments[0] !== 'v3') throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (segments.length === 1) return send(res, 200, JSON.stringify(this.v3Index(model)));
    const path = segments.slice(1).join('/');
    const gv = groupVersionPaths(model).find((g) => g.path === path);
    const doc = gv ? this.cachedRender(gv.path, () => groupVersionDocument(model, gv.group, gv.version)) : undefined;
    if (!doc) throw new StatusError(404, 'NotFound', `no OpenAPI document for ${path}`);
    const asked = query.get('hash');
    if (asked && asked !== doc.hash) return send(res, 301, '', { Location: `/openapi/v3/${path}?hash=${doc.hash}`, 'Cache-Control': 'no-cache, no-store' });
    return send(res, 200, doc.text, { Etag: `"${doc.hash}"`, 'Cache-Control': asked ? 'public, immutable' : 'no-cache, private' });
  }
}
