export interface StatsSnapshot {
  requests: number;
  /** 401 responses sent (digest challenges). */
  challenges: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
}

/** Request counters for `GET /_emulator/stats`: no secrets, only counts. */
export class RequestStats {
  private snapshot: StatsSnapshot = RequestStats.empty();

  private static empty(): StatsSnapshot {
    return { requests: 0, challenges: 0, byStatus: {}, byRoute: {} };
  }

  /** `status` is the HTTP status, or "reset" when the connection was dropped without a response. */
  record(route: string, status: number | "reset"): void {
    this.snapshot.requests++;
    if (status === 401) this.snapshot.challenges++;
    const statusKey = String(status);
    this.snapshot.byStatus[statusKey] = (this.snapshot.byStatus[statusKey] ?? 0) + 1;
    this.snapshot.byRoute[route] = (this.snapshot.byRoute[route] ?? 0) + 1;
  }

  read(): StatsSnapshot {
    return structuredClone(this.snapshot);
  }

  reset(): void {
    this.snapshot = RequestStats.empty();
  }
}
