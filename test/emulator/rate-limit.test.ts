import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectMatchesSpec } from "../helpers/spec-validator.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

describe("rate limit per public key", () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator({ rateLimitRpm: 5, rateLimitWindowMs: 2000 });
  });
  afterAll(() => env.close());

  function headersOf(response: { headers: Headers }) {
    return {
      limit: response.headers.get("x-ratelimit-limit-minute"),
      remaining: response.headers.get("x-ratelimit-remaining-minute"),
      reset: Number(response.headers.get("x-ratelimit-reset")),
    };
  }

  it("allows the limit, then answers 429 with Retry-After, and recovers after the window", async () => {
    // Start at the beginning of a window so the 5 requests share it.
    await new Promise((resolve) => setTimeout(resolve, 2000 - (Date.now() % 2000) + 20));
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await env.api.request("GET", "/dataApps");
      expect(response.status).toBe(200);
      const headers = headersOf(response);
      expect(headers.limit).toBe("5");
      expect(headers.reset).toBeGreaterThanOrEqual(1);
      expect(headers.reset).toBeLessThanOrEqual(2);
      remaining.push(headers.remaining);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
    const limited = await env.api.request("GET", "/dataApps");
    expect(limited.status).toBe(429);
    expectMatchesSpec("listDataApps", 429, limited.json);
    expect(limited.json).toMatchObject({
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      error: "RATE_LIMIT_EXCEEDED",
    });
    expect((limited.json as { message: string }).message).toMatch(/limit of 5 requests/);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(headersOf(limited)).toMatchObject({ limit: "5", remaining: "0" });
    // A 429 does not store anything: a refused create leaves no app behind.
    expect((await env.api.request("POST", "/dataApps", { body: { displayName: "nope" } })).status).toBe(429);
    // Every response carries the headers, including 401 challenges.
    const challenge = await fetch(`${env.emulator.url}/dataApps`);
    expect(challenge.status).toBe(401);
    expect(headersOf(challenge)).toMatchObject({ limit: "5", remaining: "0" });
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    const recovered = await env.api.request("GET", "/dataApps");
    expect(recovered.status).toBe(200);
    expect((recovered.json as { dataApps: unknown[] }).dataApps).toEqual([]);
    expect(headersOf(recovered).remaining).toBe("4");
  });
});
