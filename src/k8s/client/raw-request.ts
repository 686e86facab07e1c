import { ApiException, RequestContext, type HttpLibrary, type HttpMethod, type KubeConfig } from '@kubernetes/client-node';
import { parseWarnings } from './http-library.js';

export type QueryValue = string | number | boolean | undefined;

/** A REST call whose JSON travels untouched (no typed-model round trip that could drop or reshape fields). */
export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Required for PATCH: the patch type is never left to a library default. */
  contentType?: string;
  signal?: AbortSignal;
  /** `text` for pod logs. */
  responseType?: 'json' | 'text';
  /** Receives the `Warning` headers of the answer (dry runs show them on the plan). */
  warnings?: string[];
}

export type RawRequester = <T = unknown>(req: KubeRequest) => Promise<T>;

/**
 * Builds the raw requester of one cluster over the same instrumented HTTP library as the typed
 * clients. Non-2xx answers throw client-node's own `ApiException`, so one translator handles both.
 */
export function createRawRequester(kubeConfig: KubeConfig, server: string, http: HttpLibrary): RawRequester {
  return async <T>(req: KubeRequest): Promise<T> => {
    const url = new URL(server.replace(/\/$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const ctx = new RequestContext(url.toString(), req.method as HttpMethod);
    await kubeConfig.applySecurityAuthentication(ctx);
    ctx.setHeaderParam('Accept', req.responseType === 'text' ? '*/*' : 'application/json');
    if (req.body !== undefined) {
      ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
      ctx.setBody(JSON.stringify(req.body));
    }
    if (req.signal) ctx.setSignal(req.signal);
    const res = await http.send(ctx).toPromise();
    const text = await res.body.text();
    if (req.warnings) req.warnings.push(...parseWarnings(res.headers['warning']));
    if (res.httpStatusCode < 200 || res.httpStatusCode > 299) {
      throw new ApiException(res.httpStatusCode, 'Kubernetes API request failed', text, res.headers);
    }
    if (req.responseType === 'text') return text as T;
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
}
