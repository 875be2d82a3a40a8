import { type Clock, systemClock } from "./clock.js";

export interface ThrottleOptions {
  /** Requests allowed in any rolling window. */
  limit: number;
  windowMs: number;
  /** Requests in flight at once. */
  maxConcurrency: number;
  clock?: Clock;
}

/** What the server said about its own count, from the rate-limit headers of a response. */
export interface RateLimitObservation {
  remaining?: number;
  resetSeconds?: number;
}

export interface Permit {
  /** The request was sent and its response (or error) is in: the slot ages out one window from now. */
  release(): void;
  /** The request was never sent: the slot is freed at once. */
  cancel(): void;
}

interface Waiter {
  grant: (permit: Permit) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * One limiter for all calls of a client: at most `limit` requests per rolling
 * window and `maxConcurrency` in flight, first come first served.
 *
 * A slot is counted from the request's start until one window after its
 * response arrived. The server counts a request when it arrives, which is
 * somewhere in between, so no window of the server (fixed or sliding) can see
 * more than `limit` of our requests, whatever the network latency.
 */
export class Throttle {
  private readonly clock: Clock;
  /** Requests sent and not yet answered: each holds a slot. */
  private inFlight = 0;
  /** When each answered request of the current window finished, oldest first. */
  private finishedAt: number[] = [];
  private finishedHead = 0;
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private cancelTimer: (() => void) | undefined;
  private timerAt = 0;

  constructor(private readonly options: ThrottleOptions) {
    if (!(options.limit >= 1)) throw new RangeError("The rate limit must be at least 1 request per window.");
    if (!(options.windowMs > 0)) throw new RangeError("The rate-limit window must be positive.");
    if (!(options.maxConcurrency >= 1)) throw new RangeError("maxConcurrency must be at least 1.");
    this.clock = options.clock ?? systemClock;
  }

  /** Waits for a slot. Rejects with the signal's reason if it aborts while queued. */
  acquire(signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Holds every queued and future request until `untilMs` (clock time). */
  pauseUntil(untilMs: number): void {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    this.pump();
  }

  /**
   * Learns from `X-Ratelimit-Remaining-Minute` / `X-Ratelimit-Reset`. When the
   * server has no requests left but our own window is not full, someone else
   * is using the key: wait for the server's window to reset.
   */
  observe(observation: RateLimitObservation): void {
    if (observation.remaining !== 0 || observation.resetSeconds === undefined) return;
    if (this.used >= this.options.limit) return;
    // The server's window is no longer than ours: a larger reset is a bad header, not a reason to stall every call.
    const waitMs = Math.min(observation.resetSeconds * 1000, this.options.windowMs);
    this.pauseUntil(this.clock.now() + waitMs);
  }

  /** Requests counted in the current rolling window, for diagnostics and tests. */
  get used(): number {
    this.prune();
    return this.inFlight + this.finishedAt.length - this.finishedHead;
  }

  get queued(): number {
    return this.queue.length;
  }

  private prune(): void {
    const cutoff = this.clock.now() - this.options.windowMs;
    while (
      this.finishedHead < this.finishedAt.length &&
      (this.finishedAt[this.finishedHead] ?? 0) <= cutoff
    ) {
      this.finishedHead++;
    }
    if (this.finishedHead > 1024 && this.finishedHead * 2 > this.finishedAt.length) {
      this.finishedAt = this.finishedAt.slice(this.finishedHead);
      this.finishedHead = 0;
    }
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        this.wakeAt(this.pausedUntil);
        return;
      }
      if (this.inFlight >= this.options.maxConcurrency) return;
      if (this.used >= this.options.limit) {
        const oldest = this.finishedAt[this.finishedHead];
        // Without a finished slot every slot is in flight: a release will pump again.
        if (oldest !== undefined) this.wakeAt(oldest + this.options.windowMs);
        return;
      }
      const waiter = this.queue.shift();
      if (waiter === undefined) return;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.grant(this.issue());
    }
  }

  private issue(): Permit {
    this.inFlight++;
    let done = false;
    const finish = (keepSlot: boolean) => {
      if (done) return;
      done = true;
      this.inFlight--;
      // The clock only moves forward, so the list stays sorted.
      if (keepSlot) this.finishedAt.push(this.clock.now());
      this.pump();
    };
    return { release: () => finish(true), cancel: () => finish(false) };
  }

  private wakeAt(when: number): void {
    if (this.cancelTimer !== undefined && this.timerAt <= when && this.timerAt > this.clock.now()) return;
    this.cancelTimer?.();
    this.timerAt = when;
    this.cancelTimer = this.clock.schedule(() => {
      this.cancelTimer = undefined;
      this.pump();
    }, when - this.clock.now());
  }

  /** Rejects everything still queued; used when the client closes. */
  close(reason: unknown): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    for (const waiter of this.queue.splice(0)) {
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.reject(reason);
    }
  }
}
