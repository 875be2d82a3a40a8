import type { CallOutcome } from "./envelope.js";

const MAX_ENTRIES = 1000;

/** Successful GET outcomes kept for the endpoint's cache TTL, keyed by everything that shapes the answer. */
export class ResponseCache {
  private readonly entries = new Map<string, { expiresAt: number; outcome: CallOutcome }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): CallOutcome | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.outcome;
  }

  set(key: string, outcome: CallOutcome, ttlSeconds: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.evict();
    this.entries.set(key, { expiresAt: this.now() + ttlSeconds * 1000, outcome });
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    // Still full: drop the oldest insertions.
    for (const key of this.entries.keys()) {
      if (this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(key);
    }
  }
}
