import type { Clock } from "../../src/client/clock.js";

/** A clock that moves only when told to, running due callbacks in time order. */
export class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; seq: number; callback: () => void }[] = [];
  private seq = 0;

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  /** Advances time by `ms`, firing timers (and letting promise callbacks run) on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flushMicrotasks();
      const due = this.timers
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = target;
    await flushMicrotasks();
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let round = 0; round < 10; round++) await Promise.resolve();
}
