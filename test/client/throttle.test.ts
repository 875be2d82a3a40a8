import { describe, expect, it } from "vitest";
import { type Permit, Throttle } from "../../src/client/throttle.js";
import { FakeClock, flushMicrotasks } from "./fake-clock.js";

function track(promise: Promise<Permit>) {
  const state: { permit?: Permit; error?: unknown } = {};
  promise.then(
    (permit) => {
      state.permit = permit;
    },
    (error: unknown) => {
      state.error = error;
    },
  );
  return state;
}

describe("Throttle", () => {
  it("grants up to the limit at once and the next one a window after the first finished", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 3, windowMs: 1000, maxConcurrency: 10, clock });
    const first = [track(throttle.acquire()), track(throttle.acquire()), track(throttle.acquire())];
    const fourth = track(throttle.acquire());
    await flushMicrotasks();
    expect(first.every((state) => state.permit !== undefined)).toBe(true);
    expect(fourth.permit).toBeUndefined();

    await clock.advance(100);
    for (const state of first) state.permit?.release();
    // The slots age out one window after each request finished (t=100), not after it started.
    await clock.advance(999);
    expect(fourth.permit).toBeUndefined();
    await clock.advance(1);
    expect(fourth.permit).toBeDefined();
  });

  it("never lets more than `limit` requests start in any rolling window", async () => {
    const clock = new FakeClock();
    const limit = 5;
    const windowMs = 1000;
    const throttle = new Throttle({ limit, windowMs, maxConcurrency: 3, clock });
    const starts: number[] = [];
    let finished = 0;
    for (let worker = 0; worker < 40; worker++) {
      void throttle.acquire().then(async (permit) => {
        starts.push(clock.now());
        await new Promise<void>((resolve) => clock.schedule(resolve, 37));
        permit.release();
        finished++;
      });
    }
    for (let step = 0; step < 400 && finished < 40; step++) await clock.advance(50);
    expect(starts).toHaveLength(40);
    for (const start of starts) {
      const inWindow = starts.filter((other) => other >= start && other < start + windowMs).length;
      expect(inWindow).toBeLessThanOrEqual(limit);
    }
    // And it does not crawl: 40 requests at 5 per ~1037 ms take about 8 windows.
    expect(Math.max(...starts)).toBeLessThan(9 * (windowMs + 37));
  });

  it("caps concurrency and hands the freed slot to the next waiter first come first served", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 100, windowMs: 1000, maxConcurrency: 2, clock });
    const a = track(throttle.acquire());
    const b = track(throttle.acquire());
    const c = track(throttle.acquire());
    const d = track(throttle.acquire());
    await flushMicrotasks();
    expect([a.permit, b.permit, c.permit, d.permit].map(Boolean)).toEqual([true, true, false, false]);
    b.permit?.release();
    await flushMicrotasks();
    expect([c.permit, d.permit].map(Boolean)).toEqual([true, false]);
  });

  it("frees the slot of a cancelled permit at once", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 1, windowMs: 1000, maxConcurrency: 5, clock });
    const a = track(throttle.acquire());
    const b = track(throttle.acquire());
    await flushMicrotasks();
    a.permit?.cancel();
    await flushMicrotasks();
    expect(b.permit).toBeDefined();
    expect(throttle.used).toBe(1);
  });

  it("rejects a queued caller whose signal aborts and serves the others", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 1, windowMs: 1000, maxConcurrency: 5, clock });
    const first = track(throttle.acquire());
    const controller = new AbortController();
    const cancelled = track(throttle.acquire(controller.signal));
    const third = track(throttle.acquire());
    await flushMicrotasks();
    controller.abort(new Error("user cancelled"));
    await flushMicrotasks();
    expect((cancelled.error as Error).message).toBe("user cancelled");
    expect(throttle.queued).toBe(1);
    first.permit?.release();
    await clock.advance(1000);
    expect(third.permit).toBeDefined();
  });

  it("rejects at once when the signal is already aborted", async () => {
    const throttle = new Throttle({ limit: 1, windowMs: 1000, maxConcurrency: 1, clock: new FakeClock() });
    await expect(throttle.acquire(AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });

  it("pauses everything until the time a 429 asked for", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 100, windowMs: 60_000, maxConcurrency: 5, clock });
    throttle.pauseUntil(2500);
    const waiting = track(throttle.acquire());
    await clock.advance(2499);
    expect(waiting.permit).toBeUndefined();
    await clock.advance(1);
    expect(waiting.permit).toBeDefined();
  });

  it("waits for the server's reset when it reports no requests left that we did not use", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 10, windowMs: 60_000, maxConcurrency: 5, clock });
    const first = track(throttle.acquire());
    await flushMicrotasks();
    first.permit?.release();
    // Another process used up the key: remaining 0 though we sent one request.
    throttle.observe({ remaining: 0, resetSeconds: 7 });
    const next = track(throttle.acquire());
    await clock.advance(6999);
    expect(next.permit).toBeUndefined();
    await clock.advance(1);
    expect(next.permit).toBeDefined();
  });

  it("never pauses longer than one window for a reset the server reports (a per-minute limit resets within a minute)", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 10, windowMs: 60_000, maxConcurrency: 5, clock });
    const first = track(throttle.acquire());
    await flushMicrotasks();
    first.permit?.release();
    // A broken proxy or header: an hour, which would hold every call of the client.
    throttle.observe({ remaining: 0, resetSeconds: 3600 });
    const next = track(throttle.acquire());
    await clock.advance(60_000);
    expect(next.permit).toBeDefined();
  });

  it("ignores remaining=0 when its own window explains it (its window already holds back)", async () => {
    const clock = new FakeClock();
    const throttle = new Throttle({ limit: 2, windowMs: 1000, maxConcurrency: 5, clock });
    const a = track(throttle.acquire());
    const b = track(throttle.acquire());
    await flushMicrotasks();
    a.permit?.release();
    b.permit?.release();
    throttle.observe({ remaining: 0, resetSeconds: 60 });
    const c = track(throttle.acquire());
    await clock.advance(1000);
    expect(c.permit).toBeDefined();
  });

  it("rejects every queued caller on close", async () => {
    const throttle = new Throttle({ limit: 1, windowMs: 1000, maxConcurrency: 1, clock: new FakeClock() });
    track(throttle.acquire());
    const queued = track(throttle.acquire());
    await flushMicrotasks();
    throttle.close(new Error("closed"));
    await flushMicrotasks();
    expect((queued.error as Error).message).toBe("closed");
  });

  it("refuses nonsense limits", () => {
    expect(() => new Throttle({ limit: 0, windowMs: 1000, maxConcurrency: 1 })).toThrow(RangeError);
    expect(() => new Throttle({ limit: 1, windowMs: 0, maxConcurrency: 1 })).toThrow(RangeError);
    expect(() => new Throttle({ limit: 1, windowMs: 1, maxConcurrency: 0 })).toThrow(RangeError);
  });
});
