export const ERROR_KINDS = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "server_error",
  "timeout",
  "network",
  "aborted",
  "invalid_response",
  "not_configured",
] as const;
export type DataServiceErrorKind = (typeof ERROR_KINDS)[number];

export interface DataServiceErrorInit {
  kind: DataServiceErrorKind;
  message: string;
  /** HTTP status, when a response was received. */
  status?: number;
  /** The service's own error code (for example 49900007), when it sent one. */
  code?: number | string;
  details?: unknown;
  traceId?: string;
  /** Seconds until a rate-limited call may be retried. */
  retryAfterSeconds?: number;
  method?: string;
  /** Request path without host or query, never with credentials. */
  path?: string;
  cause?: unknown;
}

/**
 * The one error type every client call rejects with. Its message never
 * contains the private key or the Authorization header.
 */
export class DataServiceError extends Error {
  override readonly name = "DataServiceError";
  readonly kind: DataServiceErrorKind;
  readonly status?: number;
  readonly code?: number | string;
  readonly details?: unknown;
  readonly traceId?: string;
  readonly retryAfterSeconds?: number;
  readonly method?: string;
  readonly path?: string;

  constructor(init: DataServiceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.traceId = init.traceId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.method = init.method;
    this.path = init.path;
  }
}

export function isDataServiceError(value: unknown): value is DataServiceError {
  return value instanceof DataServiceError;
}
