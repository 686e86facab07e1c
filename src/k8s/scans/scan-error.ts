import { ShipmateError } from '../../core/errors.js';

/**
 * A short reason, safe for Slack, for a failed scan. ApiException messages embed response bodies
 * and headers, so only the status code and the Kubernetes `reason` are kept.
 */
export function describeScanError(err: unknown): string {
  // The cluster registry already translates ApiExceptions into errors with a safe message.
  if (err instanceof ShipmateError) return err.userMessage;
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; body?: unknown; cause?: unknown };
    if (typeof e.code === 'number') return `API error ${e.code}${reasonOf(e.body)}`;
    if (typeof e.code === 'string') return `unreachable (${e.code})`;
    const causeCode = (e.cause as { code?: unknown } | undefined)?.code;
    if (typeof causeCode === 'string') return `unreachable (${causeCode})`;
  }
  if (err instanceof Error && err.name === 'AbortError') return 'cancelled';
  return 'scan failed (details are in the Shipmate logs)';
}

/** HTTP status of a client-node ApiException, if that is what was thrown. */
export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function reasonOf(body: unknown): string {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      return '';
    }
  }
  const reason = (parsed as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && /^[A-Za-z]{1,40}$/.test(reason) ? ` ${reason}` : '';
}
