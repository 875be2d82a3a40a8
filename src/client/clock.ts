import { performance } from "node:perf_hooks";

/** Time as the client sees it; tests pass a fake one to drive the throttle without waiting. */
export interface Clock {
  now(): number;
  /** Runs `callback` after `ms`; returns a function that cancels it. */
  schedule(callback: () => void, ms: number): () => void;
}

/** Monotonic (performance.now), so a wall-clock adjustment cannot stretch or shrink a rate-limit window. */
export const systemClock: Clock = {
  now: () => performance.now(),
  schedule(callback, ms) {
    const timer = setTimeout(callback, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

/** Waits `ms` on `clock`; rejects with the signal's reason when it aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.schedule(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
