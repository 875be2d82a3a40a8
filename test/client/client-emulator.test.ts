import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ClientLogEvent, DataServiceError } from "../../src/client/index.js";
import { EmulatorHarness } from "./emulator-harness.js";

async function rejection(promise: Promise<unknown>): Promise<DataServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DataServiceError);
    return error as DataServiceError;
  }
  throw new Error("expected the call to fail");
}

describe("client against the emulator: digest", () => {
  let harness: EmulatorHarness;
  beforeAll(async () => {
    harness = await EmulatorHarness.start();
  });
  afterAll(() => harness?.close());

  it("costs exactly one HTTP request per call after warm-up", async () => {
    const client = harness.client();
    const app = await client.createDataApp({ displayName: "one-request" });
    await harness.resetStats();
    for (let index = 0; index < 10; index++) {
      await client.getDataApp(app.dataAppId);
      await client.listDataApps({ pageSize: 5 });
    }
    await client.updateDataApp(app.dataAppId, { description: "d" });
    const stats = await harness.stats();
    expect(stats.requests).toBe(21);
    expect(stats.challenges).toBe(0);
  });

  it("runs 200 concurrent calls from a cold client with one challenge and no nonce or nc errors", async () => {
    const client = harness.client({ maxConcurrency: 16 });
    await harness.resetStats();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => client.listDataApps({ pageSize: 1 })),
    );
    expect(results).toHaveLength(200);
    const stats = await harness.stats();
    expect(stats.challenges).toBe(1);
    expect(stats.requests).toBe(201);
    expect(stats.byStatus["200"]).toBe(200);
  });

  it("turns a wrong key into an unauthorized error naming the variables, in two requests, without secrets", async () => {
    const privateKey = "definitely-wrong-private-key";
    const events: ClientLogEvent[] = [];
    const client = harness.client({ privateKey, log: (event) => events.push(event) });
    await harness.resetStats();
    const error = await rejection(client.listDataApps());
    expect(error.kind).toBe("unauthorized");
    expect(error.status).toBe(401);
    expect(error.message).toContain("TIDB_CLOUD_PUBLIC_KEY");
    expect(error.message).toContain("TIDB_CLOUD_PRIVATE_KEY");
    const everything = JSON.stringify({ error, message: error.message, stack: error.stack, events });
    expect(everything).not.toContain(privateKey);
    expect(everything).not.toContain(harness.emulator.privateKey);
    expect(everything.toLowerCase()).not.toContain("authorization");
    expect((await harness.stats()).requests).toBe(2);
  });
});

describe("client against the emulator: nonce expiry", () => {
  let harness: EmulatorHarness;
  beforeAll(async () => {
    harness = await EmulatorHarness.start({ nonceTtlMs: 300 });
  });
  afterAll(() => harness?.close());

  it("re-challenges once when the nonce expires (stale=true) and carries on", async () => {
    const events: ClientLogEvent[] = [];
    const client = harness.client({ log: (event) => events.push(event) });
    await client.listDataApps();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await harness.resetStats();
    await client.listDataApps();
    const stats = await harness.stats();
    expect(stats.requests).toBe(2);
    expect(stats.challenges).toBe(1);
    expect(
      events
        .filter((event) => event.type === "challenge")
        .map((event) => event.type === "challenge" && event.stale),
    ).toEqual([false, true]);
    // The next call reuses the fresh nonce: one request again.
    await client.listDataApps();
    expect((await harness.stats()).requests).toBe(3);
  });
});

describe("client against the emulator: faults, timeouts, cancellation", () => {
  let harness: EmulatorHarness;
  beforeAll(async () => {
    // A short rate-limit window keeps the Retry-After of injected 429s at 1 s.
    harness = await EmulatorHarness.start({ rateLimitWindowMs: 1000 });
  });
  afterAll(() => harness?.close());
  beforeEach(async () => {
    await harness.clearFaults();
  });

  async function appCount(): Promise<number> {
    return (await harness.client().listDataApps({ pageSize: 100 })).items.length;
  }

  it("retries a GET through injected 503s and 502s", async () => {
    const client = harness.client();
    await client.listDataApps();
    await harness.resetStats();
    await harness.fault({ count: 2, status: 503, match: { method: "GET" } });
    await harness.fault({ count: 1, status: 502, match: { method: "GET" } });
    await client.listDataApps();
    const stats = await harness.stats();
    expect(stats.requests).toBe(4);
    expect(stats.byStatus).toMatchObject({ "503": 2, "502": 1, "200": 1 });
  });

  it("gives up on a GET after the bounded number of retries with a server_error", async () => {
    const client = harness.client({ retry: { maxRetries: 2, baseDelayMs: 5 } });
    await client.listDataApps();
    await harness.resetStats();
    await harness.fault({ count: 10, status: 504, match: { method: "GET" } });
    const error = await rejection(client.listDataApps());
    expect(error.kind).toBe("server_error");
    expect(error.status).toBe(504);
    expect((await harness.stats()).requests).toBe(3);
  });

  it("does not retry a POST that got a 503: one request, nothing stored, a server_error", async () => {
    const client = harness.client();
    await client.listDataApps();
    const before = await appCount();
    await harness.resetStats();
    await harness.fault({ count: 1, status: 503, match: { method: "POST" } });
    const error = await rejection(client.createDataApp({ displayName: "not-twice" }));
    expect(error.kind).toBe("server_error");
    expect((await harness.stats()).byRoute["POST /v1beta1/dataApps"]).toBe(1);
    expect(await appCount()).toBe(before);
  });

  it("does not retry a POST whose connection was reset: a network error, the POST sent once", async () => {
    const client = harness.client();
    await client.listDataApps();
    const before = await appCount();
    await harness.resetStats();
    await harness.fault({ count: 1, reset: true, match: { method: "POST" } });
    const error = await rejection(client.createDataApp({ displayName: "reset" }));
    expect(error.kind).toBe("network");
    expect((await harness.stats()).byRoute["POST /v1beta1/dataApps"]).toBe(1);
    expect(await appCount()).toBe(before);
  });

  it("retries a GET and a DELETE whose connection was reset", async () => {
    const client = harness.client();
    const app = await client.createDataApp({ displayName: "to-delete" });
    await harness.fault({ count: 1, reset: true, match: { method: "GET" } });
    expect((await client.getDataApp(app.dataAppId)).dataAppId).toBe(app.dataAppId);
    await harness.fault({ count: 1, reset: true, match: { method: "DELETE" } });
    await client.deleteDataApp(app.dataAppId);
    expect((await rejection(client.getDataApp(app.dataAppId))).kind).toBe("not_found");
  });

  it("does not resend a POST whose response was lost after it ran: stored exactly once", async () => {
    const client = harness.client();
    await client.listDataApps();
    const before = await appCount();
    await harness.resetStats();
    await harness.fault({ count: 1, resetAfter: true, match: { method: "POST" } });
    const error = await rejection(client.createDataApp({ displayName: "ran-once" }));
    expect(error.kind).toBe("network");
    expect((await harness.stats()).byRoute["POST /v1beta1/dataApps"]).toBe(1);
    expect(await appCount()).toBe(before + 1);
  });

  it("reports a DELETE as done when its retry finds the resource gone because the lost first attempt ran", async () => {
    const client = harness.client();
    const app = await client.createDataApp({ displayName: "delete-lost-response" });
    await harness.fault({ count: 1, resetAfter: true, match: { method: "DELETE" } });
    await client.deleteDataApp(app.dataAppId);
    expect((await rejection(client.getDataApp(app.dataAppId))).kind).toBe("not_found");
    // A DELETE of something that never existed is still not_found.
    expect((await rejection(client.deleteDataApp("dataapp-missing1"))).kind).toBe("not_found");
  });

  it("retries a POST that got a 429 (the gateway refused it before running it) and stores it once", async () => {
    const client = harness.client();
    await client.listDataApps();
    const before = await appCount();
    await harness.fault({ count: 1, status: 429, match: { method: "POST" } });
    const app = await client.createDataApp({ displayName: "after-429" });
    expect(app.displayName).toBe("after-429");
    expect(await appCount()).toBe(before + 1);
  });

  it("times out a slow request with a timeout error and does not wait for it", async () => {
    const client = harness.client({ timeoutMs: 200 });
    await client.listDataApps();
    await harness.fault({ count: 1, latencyMs: 2000, match: { method: "GET" } });
    const started = Date.now();
    const error = await rejection(client.listDataApps());
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("200 ms");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("cancels a call in flight", async () => {
    const client = harness.client();
    await client.listDataApps();
    await harness.fault({ count: 1, latencyMs: 2000, match: { method: "GET" } });
    const controller = new AbortController();
    const pending = client.listDataApps(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect((await rejection(pending)).kind).toBe("aborted");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("cancels a call still queued in the throttle without sending it", async () => {
    const client = harness.client({ maxConcurrency: 1 });
    await client.listDataApps();
    await harness.fault({ count: 1, latencyMs: 400, match: { method: "GET" } });
    await harness.resetStats();
    const slow = client.listDataApps();
    const controller = new AbortController();
    const queued = client.getDataApp("never-sent", { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect((await rejection(queued)).kind).toBe("aborted");
    await slow;
    const stats = await harness.stats();
    expect(stats.requests).toBe(1);
    expect(stats.byRoute["GET /v1beta1/dataApps/{dataAppId}"]).toBeUndefined();
  });

  it("reports a refused connection as a network error after retrying it", async () => {
    const client = harness.client({
      baseUrl: "http://127.0.0.1:1/v1beta1",
      retry: { maxRetries: 1, baseDelayMs: 5 },
    });
    const error = await rejection(client.createDataApp({ displayName: "x" }));
    expect(error.kind).toBe("network");
    expect(error.message).toContain("ECONNREFUSED");
  });
});

describe("client against the emulator: rate limits", () => {
  const limit = 10;
  const windowMs = 1000;
  let harness: EmulatorHarness;
  beforeAll(async () => {
    harness = await EmulatorHarness.start({ rateLimitRpm: limit, rateLimitWindowMs: windowMs });
  });
  afterAll(() => harness?.close());

  it("lets no 429 reach the caller in a storm and keeps throughput within 10% of the limit", async () => {
    const client = harness.client({ rateLimitRpm: limit, rateLimitWindowMs: windowMs, maxConcurrency: 8 });
    await client.listDataApps();
    await new Promise((resolve) => setTimeout(resolve, windowMs + 50));
    await harness.resetStats();
    const calls = 40;
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: calls }, () => client.listDataApps({ pageSize: 1 })),
    );
    const elapsed = Date.now() - started;
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const stats = await harness.stats();
    expect(stats.byStatus["429"] ?? 0).toBe(0);
    // 40 calls at 10 per window: 4 windows, the last starting 3 windows after the first.
    const ideal = (calls / limit - 1) * windowMs;
    expect(elapsed).toBeGreaterThanOrEqual(ideal * 0.95);
    expect(elapsed).toBeLessThanOrEqual(ideal * 1.1 + 150);
  });
});

describe("client against the emulator: a key shared with someone else", () => {
  let harness: EmulatorHarness;
  beforeAll(async () => {
    harness = await EmulatorHarness.start({ rateLimitRpm: 4, rateLimitWindowMs: 1000 });
  });
  afterAll(() => harness?.close());

  it("waits out 429s it could not foresee and still succeeds", async () => {
    // The client believes it may send 100 a minute; the server allows 4 a second.
    const client = harness.client({ maxRateLimitWaitMs: 10_000 });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.listDataApps()));
    expect(results).toHaveLength(12);
  });

  it("returns rate_limited with retryAfterSeconds when the wait would exceed its bound", async () => {
    const client = harness.client({ maxRateLimitWaitMs: 0 });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => client.listDataApps()));
    const failures = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(failures.length).toBeGreaterThan(0);
    const error = (failures[0] as PromiseRejectedResult).reason as DataServiceError;
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});
