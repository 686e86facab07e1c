/**
 * One error base for the whole product. `userMessage` is safe to show in Slack; `message` may carry
 * detail for logs (never secrets). Layers translate foreign errors (ApiException, Slack errors)
 * into these once, at their edge, and everything else branches with `instanceof` or `code`.
 */
export type ErrorCode =
  | 'usage'
  | 'config'
  | 'policy_denied'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'invalid'
  | 'unavailable'
  | 'timeout'
  | 'target_busy'
  | 'target_changed'
  | 'cancelled'
  | 'not_available_yet'
  | 'internal';

export interface ShipmateErrorOptions {
  cause?: unknown;
  /** Whether a retry could succeed (Conflict, 429, 5xx, timeouts). Drives BullMQ UnrecoverableError. */
  retryable?: boolean;
}

export class ShipmateError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly retryable: boolean;

  constructor(code: ErrorCode, userMessage: string, options: ShipmateErrorOptions & { detail?: string } = {}) {
    super(options.detail ?? userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = userMessage;
    this.retryable = options.retryable ?? false;
  }
}

export class NotFoundError extends ShipmateError {
  constructor(userMessage: string, options: ShipmateErrorOptions = {}) {
    super('not_found', userMessage, options);
  }
}

export class ForbiddenError extends ShipmateError {
  constructor(userMessage: string, options: ShipmateErrorOptions = {}) {
    super('forbidden', userMessage, options);
  }
}

export class ConflictError extends ShipmateError {
  constructor(userMessage: string, options: ShipmateErrorOptions = {}) {
    super('conflict', userMessage, { retryable: true, ...options });
  }
}

export class InvalidError extends ShipmateError {
  constructor(userMessage: string, options: ShipmateErrorOptions = {}) {
    super('invalid', userMessage, options);
  }
}

export class UnavailableError extends ShipmateError {
  constructor(userMessage: string, options: ShipmateErrorOptions = {}) {
    super('unavailable', userMessage, { retryable: true, ...options });
  }
}

export class TimeoutError extends ShipmateError {
  constructor(userMessage: string, options: ShipmateErrorOptions = {}) {
    super('timeout', userMessage, { retryable: true, ...options });
  }
}

export class CancelledError extends ShipmateError {
  constructor(userMessage = 'cancelled', options: ShipmateErrorOptions = {}) {
    super('cancelled', userMessage, options);
  }
}

export class TargetChangedError extends ShipmateError {
  constructor(userMessage = 'target changed since it was approved; please make a new request', options: ShipmateErrorOptions = {}) {
    super('target_changed', userMessage, options);
  }
}

export class TargetBusyError extends ShipmateError {
  readonly holder: { requestId: string; user: string; since: string };
  constructor(holder: { requestId: string; user: string; since: string }, target: string) {
    super('target_busy', `${target} is busy: ${holder.requestId} holds it since ${holder.since}`);
    this.holder = holder;
  }
}

export class PolicyDeniedError extends ShipmateError {
  readonly rule: string;
  constructor(rule: string, userMessage: string) {
    super('policy_denied', userMessage);
    this.rule = rule;
  }
}

/** A message safe to show a user for any thrown value: ours carry one, foreign ones get a generic line. */
export function userMessageOf(err: unknown): string {
  if (err instanceof ShipmateError) return err.userMessage;
  return 'internal error (details are in the Shipmate logs)';
}
