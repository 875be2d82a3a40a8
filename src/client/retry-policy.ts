// When a failed attempt may be sent again, and how long to wait first.

export interface RetryOptions {
  /** Retries after the first attempt, for 5xx and network errors. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Methods that may be sent twice. Default GET, HEAD, PUT and DELETE (true of
   * the management API); the data API narrows it, as its endpoints run any SQL.
   */
  idempotentMethods?: readonly string[];
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE"]);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
/** The connection broke: the server may or may not have run the request. */
const BROKEN_CONNECTION_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);
/** The request surely never reached the server. */
export const NEVER_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND"]);

export function isIdempotent(method: string, idempotentMethods?: readonly string[]): boolean {
  const upper = method.toUpperCase();
  return idempotentMethods === undefined ? IDEMPOTENT_METHODS.has(upper) : idempotentMethods.includes(upper);
}

/** 502/503/504 on GET, PUT or DELETE. A POST or PATCH may have been applied, so it is not repeated. */
export function isRetryableStatus(
  method: string,
  status: number,
  idempotentMethods?: readonly string[],
): boolean {
  return RETRYABLE_STATUSES.has(status) && isIdempotent(method, idempotentMethods);
}

/** A network error: any method when the request never left, otherwise idempotent ones only. */
export function isRetryableNetworkError(
  method: string,
  code: string | undefined,
  idempotentMethods?: readonly string[],
): boolean {
  if (code === undefined) return false;
  if (NEVER_SENT_CODES.has(code)) return true;
  return BROKEN_CONNECTION_CODES.has(code) && isIdempotent(method, idempotentMethods);
}

/** Full jitter (AWS "Exponential Backoff and Jitter"): uniform in [0, min(max, base * 2^attempt)]. */
export function backoffDelayMs(
  attempt: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

type HeaderValue = string | string[] | undefined;

/** The first value of a header that may have been sent more than once. */
export function firstHeader(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` (delay-seconds or HTTP-date, RFC 9110 section 10.2.3) in milliseconds. */
export function parseRetryAfterMs(value: HeaderValue, nowMs: number): number | undefined {
  const text = firstHeader(value)?.trim();
  if (text === undefined || text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export function parseNonNegativeInteger(value: HeaderValue): number | undefined {
  const text = firstHeader(value)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/**
 * How long a 429 asks us to wait: `Retry-After`, else `X-Ratelimit-Reset`
 * (TiDB Cloud's gateway sends only the latter), else undefined.
 */
export function rateLimitDelayMs(headers: Record<string, HeaderValue>, nowMs: number): number | undefined {
  const retryAfter = parseRetryAfterMs(headers["retry-after"], nowMs);
  if (retryAfter !== undefined) return retryAfter;
  const reset = parseNonNegativeInteger(headers["x-ratelimit-reset"]);
  return reset === undefined ? undefined : reset * 1000;
}
