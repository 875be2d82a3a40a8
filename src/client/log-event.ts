/**
 * What the client reports to `config.log`. Only methods, paths (no query, no
 * host), statuses and timings: never keys, Authorization headers or bodies.
 */
export type ClientLogEvent =
  | {
      type: "request";
      method: string;
      path: string;
      attempt: number;
      status?: number;
      durationMs: number;
      /** The error code when no response arrived (for example ECONNRESET). */
      error?: string;
    }
  | { type: "challenge"; algorithm: string; stale: boolean }
  | { type: "retry"; method: string; path: string; reason: string; delayMs: number }
  | { type: "rate_limit_wait"; method: string; path: string; delayMs: number };

export type ClientLogger = (event: ClientLogEvent) => void;
