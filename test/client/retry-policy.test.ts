import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfterMs,
  rateLimitDelayMs,
} from "../../src/client/retry-policy.js";

describe("retry policy", () => {
  it("retries 502/503/504 only for GET, PUT and DELETE", () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      for (const status of [502, 503, 504]) expect(isRetryableStatus(method, status)).toBe(true);
      for (const status of [400, 401, 404, 429, 500, 501])
        expect(isRetryableStatus(method, status)).toBe(false);
    }
    for (const method of ["POST", "PATCH"]) expect(isRetryableStatus(method, 503)).toBe(false);
  });

  it("narrows the methods sent twice when told to (the data API: GET only)", () => {
    const getOnly = ["GET"];
    expect(isRetryableStatus("GET", 503, getOnly)).toBe(true);
    expect(isRetryableStatus("PUT", 503, getOnly)).toBe(false);
    expect(isRetryableStatus("DELETE", 504, getOnly)).toBe(false);
    expect(isRetryableNetworkError("GET", "ECONNRESET", getOnly)).toBe(true);
    expect(isRetryableNetworkError("DELETE", "ECONNRESET", getOnly)).toBe(false);
    expect(isRetryableNetworkError("PUT", "ECONNREFUSED", getOnly)).toBe(true);
  });

  it("retries a POST or PATCH only when the connection was refused, idempotent calls on broken connections too", () => {
    expect(isRetryableNetworkError("POST", "ECONNREFUSED")).toBe(true);
    expect(isRetryableNetworkError("PATCH", "ECONNREFUSED")).toBe(true);
    expect(isRetryableNetworkError("POST", "ECONNRESET")).toBe(false);
    expect(isRetryableNetworkError("POST", "UND_ERR_SOCKET")).toBe(false);
    expect(isRetryableNetworkError("GET", "ECONNRESET")).toBe(true);
    expect(isRetryableNetworkError("DELETE", "UND_ERR_SOCKET")).toBe(true);
    expect(isRetryableNetworkError("GET", "SOMETHING_ELSE")).toBe(false);
    expect(isRetryableNetworkError("GET", undefined)).toBe(false);
  });

  it("backs off exponentially with full jitter under a cap", () => {
    const options = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(0, options, () => 1)).toBe(100);
    expect(backoffDelayMs(2, options, () => 1)).toBe(400);
    expect(backoffDelayMs(10, options, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(400);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfterMs("3", 0)).toBe(3000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 00:00:05 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });

  it("waits Retry-After, else X-Ratelimit-Reset (TiDB Cloud sends only that), else nothing known", () => {
    expect(rateLimitDelayMs({ "retry-after": "2", "x-ratelimit-reset": "23" }, 0)).toBe(2000);
    expect(rateLimitDelayMs({ "x-ratelimit-reset": "23" }, 0)).toBe(23_000);
    expect(rateLimitDelayMs({}, 0)).toBeUndefined();
  });
});
