import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  ShipmateError,
  UnavailableError,
} from '../../core/errors.js';
import { redactText } from '../objects/redaction.js';

/** What was being attempted, for messages that name the refused verb and resource. */
export interface ApiAction {
  verb: string;
  /** Plural resource, e.g. `deployments` or `pods/eviction`. */
  resource: string;
  name?: string;
  namespace?: string;
}

interface StatusBody {
  reason?: string;
  message?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** Duck-typed so it also matches ApiExceptions from another copy of client-node. */
export function apiStatusCode(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'number' && 'body' in err) return err.code;
  return undefined;
}

export function apiStatusBody(err: unknown): StatusBody {
  const body = err && typeof err === 'object' && 'body' in err ? err.body : undefined;
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === 'object' ? (parsed as StatusBody) : {};
    } catch {
      return {};
    }
  }
  return body && typeof body === 'object' ? (body as StatusBody) : {};
}

/**
 * Translates a failed Kubernetes call into a ShipmateError whose userMessage is safe to show:
 * never the ApiException message or body (they embed response headers), only what we phrase.
 */
export function translateApiError(err: unknown, what: ApiAction): ShipmateError {
  if (err instanceof ShipmateError) return err;
  const code = apiStatusCode(err);
  if (code === undefined) return translateTransportError(err, what);
  const status = apiStatusBody(err);
  const where = what.namespace ? ` in namespace ${what.namespace}` : '';
  const object = what.name ? `${what.resource} "${what.name}"` : what.resource;
  const options = { cause: err };
  if (code === 404) return new NotFoundError(`${object} not found${where}`, options);
  if (code === 401) return new ForbiddenError('Kubernetes rejected Shipmate\'s credentials (401 Unauthorized)', options);
  if (code === 403) return new ForbiddenError(`Kubernetes refused: cannot ${what.verb} ${what.resource}${where} (403 Forbidden)`, options);
  if (code === 409) {
    if (status.reason === 'AlreadyExists') return new ConflictError(`${object} already exists${where}`, { ...options, retryable: false });
    return new ConflictError(`${object}${where} was changed by someone else while Shipmate was updating it (409 Conflict)`, options);
  }
  if (code === 400 || code === 422) return new InvalidError(`Kubernetes rejected the ${what.verb} of ${object}${where}: ${invalidDetail(status)}`, options);
  if (code === 429) return new UnavailableError(`Kubernetes is throttling requests (429 Too Many Requests) while trying to ${what.verb} ${what.resource}`, options);
  if (code >= 500) return new UnavailableError(`Kubernetes API error ${code} while trying to ${what.verb} ${object}${where}`, options);
  return new ShipmateError('internal', `unexpected Kubernetes answer ${code} to ${what.verb} ${object}${where}`, options);
}

function translateTransportError(err: unknown, what: ApiAction): ShipmateError {
  const code = err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  const errno = err && typeof err === 'object' && 'errno' in err && typeof err.errno === 'string' ? err.errno : undefined;
  const net = [code, errno].find((c) => c !== undefined && NETWORK_CODES.has(c));
  const isFetch = err instanceof Error && (err.name === 'FetchError' || err.name === 'AbortError');
  if (net !== undefined || isFetch) {
    return new UnavailableError(`cannot reach the Kubernetes API (${net ?? 'connection failed'}) while trying to ${what.verb} ${what.resource}`, { cause: err });
  }
  return new ShipmateError('internal', `internal error while trying to ${what.verb} ${what.resource} (details are in the Shipmate logs)`, { cause: err });
}

/** Field-level causes say what to fix; values are redacted because they may echo env values. */
function invalidDetail(status: StatusBody): string {
  const causes = status.details?.causes ?? [];
  const parts = causes.slice(0, 5).map((c) => [c.field, c.message].filter(Boolean).join(': '));
  const text = parts.filter((p) => p !== '').join('; ') || status.reason || 'invalid request';
  return redactText(text).slice(0, 500);
}
