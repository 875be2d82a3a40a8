export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the current window ends (at least 1). */
  resetSeconds: number;
}

/**
 * Fixed windows aligned to multiples of `windowMs`, counted per key, as the
 * real gateway (Kong) counts per minute. A rejected request does not consume.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key` if it fits under `limit`. */
  take(key: string, limit: number): RateLimitDecision {
    const window = this.current(key);
    const allowed = window.count < limit;
    if (allowed) window.count++;
    return this.describe(window, limit, allowed);
  }

  /** The state for `key` without counting a request. */
  peek(key: string, limit: number): RateLimitDecision {
    return this.describe(this.current(key), limit, true);
  }

  private current(key: string): { start: number; count: number } {
    const now = this.now();
    const start = now - (now % this.windowMs);
    let window = this.windows.get(key);
    if (window === undefined || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private describe(
    window: { start: number; count: number },
    limit: number,
    allowed: boolean,
  ): RateLimitDecision {
    const msLeft = window.start + this.windowMs - this.now();
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }
}

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    "X-Ratelimit-Limit-Minute": String(decision.limit),
    "X-Ratelimit-Remaining-Minute": String(decision.remaining),
    "X-Ratelimit-Reset": String(decision.resetSeconds),
  };
}
