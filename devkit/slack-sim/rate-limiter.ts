import type { RateLimitInput } from './types.js';

interface ForcedLimit {
  remaining: number;
  until: number;
  retryAfterSec: number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** Natural limits: burst size and refill per second, keyed per method (and per channel for postMessage). */
const NATURAL: Record<string, { burst: number; perSec: number; perChannel: boolean }> = {
  'chat.postMessage': { burst: 5, perSec: 1, perChannel: true },
  'chat.update': { burst: 10, perSec: 50 / 60, perChannel: false },
  'chat.postEphemeral': { burst: 20, perSec: 100 / 60, perChannel: false },
  'users.info': { burst: 20, perSec: 100 / 60, perChannel: false },
  'usergroups.users.list': { burst: 5, perSec: 20 / 60, perChannel: false },
  'files.getUploadURLExternal': { burst: 20, perSec: 100 / 60, perChannel: false },
  'files.completeUploadExternal': { burst: 20, perSec: 100 / 60, perChannel: false },
  'pins.add': { burst: 5, perSec: 20 / 60, perChannel: false },
  'pins.remove': { burst: 5, perSec: 20 / 60, perChannel: false },
  'pins.list': { burst: 5, perSec: 20 / 60, perChannel: false },
};

/** Decides whether a Web API call is answered 429, and with which Retry-After. */
export class RateLimiter {
  private readonly forced = new Map<string, ForcedLimit>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly natural: boolean, private readonly now: () => number = Date.now) {}

  force(p: RateLimitInput): void {
    const count = p.count ?? (p.forMs === undefined ? 1 : Number.POSITIVE_INFINITY);
    const until = p.forMs === undefined ? Number.POSITIVE_INFINITY : this.now() + p.forMs;
    this.forced.set(p.method, { remaining: count, until, retryAfterSec: p.retryAfterSec ?? 1 });
  }

  /** Returns Retry-After seconds when the call must be rejected, undefined when it may pass. */
  check(method: string, channel: string | undefined): number | undefined {
    const f = this.forced.get(method);
    if (f) {
      if (f.remaining > 0 && this.now() < f.until) {
        f.remaining -= 1;
        return f.retryAfterSec;
      }
      this.forced.delete(method);
    }
    return this.natural ? this.takeNatural(method, channel) : undefined;
  }

  private takeNatural(method: string, channel: string | undefined): number | undefined {
    const rule = NATURAL[method];
    if (!rule) return undefined;
    const k = rule.perChannel ? `${method}/${channel ?? ''}` : method;
    const now = this.now();
    const b = this.buckets.get(k) ?? { tokens: rule.burst, refilledAt: now };
    b.tokens = Math.min(rule.burst, b.tokens + ((now - b.refilledAt) / 1000) * rule.perSec);
    b.refilledAt = now;
    this.buckets.set(k, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rule.perSec));
  }
}
