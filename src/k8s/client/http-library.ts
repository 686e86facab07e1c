import {
  IsomorphicFetchHttpLibrary,
  wrapHttpLibrary,
  type HttpLibrary,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { CancelledError, TimeoutError } from '../../core/errors.js';
import { requestInfo } from './request-info.js';

/** One Kubernetes API call, for metrics. `code` is 0 when no HTTP answer arrived. */
export interface ApiCallEvent {
  cluster: string;
  verb: string;
  resource: string;
  code: number;
  ms: number;
}

export interface InstrumentedHttpOptions {
  cluster: string;
  timeoutMs: number;
  onApiCall?: (event: ApiCallEvent) => void;
  onWarning?: (warning: string, event: ApiCallEvent) => void;
}

/**
 * The single HTTP seam of every typed client and raw request of one cluster: it bounds each call
 * with its own timeout (so one dead cluster never holds up another), combines it with the
 * caller's abort signal, reports each call for metrics and surfaces `Warning` headers, which
 * client-node otherwise drops.
 */
export function createInstrumentedHttpLibrary(options: InstrumentedHttpOptions): HttpLibrary {
  const inner = new IsomorphicFetchHttpLibrary();
  return wrapHttpLibrary({
    async send(request: RequestContext): Promise<ResponseContext> {
      const info = requestInfo(request.getHttpMethod(), request.getUrl());
      const callerSignal = request.getSignal();
      const timeout = AbortSignal.timeout(options.timeoutMs);
      request.setSignal(callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout);
      const started = performance.now();
      const report = (code: number): { cluster: string; verb: string; resource: string; code: number; ms: number } => {
        const event = { cluster: options.cluster, verb: info.verb, resource: info.resource, code, ms: performance.now() - started };
        options.onApiCall?.(event);
        return event;
      };
      try {
        const response = await inner.send(request).toPromise();
        const event = report(response.httpStatusCode);
        for (const w of parseWarnings(response.headers['warning'])) options.onWarning?.(w, event);
        return response;
      } catch (err) {
        report(0);
        if (callerSignal?.aborted) throw new CancelledError('cancelled while waiting for the Kubernetes API', { cause: err });
        if (timeout.aborted) {
          throw new TimeoutError(
            `the Kubernetes API of cluster ${options.cluster} did not answer within ${Math.round(options.timeoutMs / 1000)} s (${info.verb} ${info.resource})`,
            { cause: err },
          );
        }
        throw err;
      }
    },
  });
}

/** `Warning: 299 - "text"` values (several may be folded into one header, comma-separated). */
export function parseWarnings(header: string | undefined): string[] {
  if (!header) return [];
  const out: string[] = [];
  const re = /\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/g;
  for (const m of header.matchAll(re)) out.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
  return out;
}
