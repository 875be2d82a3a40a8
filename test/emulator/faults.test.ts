import { afterEach, describe, expect, it } from "vitest";
import type { StatsSnapshot } from "../../src/emulator/index.js";
import { expectMatchesSchema } from "../helpers/spec-validator.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

describe("fault injection and request statistics", () => {
  let env: TestEmulator | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${env!.origin}/_emulator${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const stats = async () => (await control("GET", "/stats")).json as unknown as StatsSnapshot;
  const appCount = async () => ((await env!.api.json("GET", "/dataApps")).dataApps as unknown[]).length;

  it("is refused unless enabled", async () => {
    env = await startTestEmulator();
    const refused = await control("POST", "/faults", { count: 1, status: 503 });
    expect(refused.status).toBe(404);
    expect(refused.json.message).toMatch(/--allow-fault-injection/);
  });

  it("fails the next N matching requests with the given status, after auth and before the operation", async () => {
    env = await startTestEmulator({ allowFaultInjection: true });
    await env.api.request("GET", "/dataApps");
    expect(
      (await control("POST", "/faults", { count: 2, status: 503, match: { method: "POST" } })).status,
    ).toBe(200);
    // GETs do not match.
    expect((await env.api.request("GET", "/dataApps")).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const failed = await env.api.request("POST", "/dataApps", { body: { displayName: `f${i}` } });
      expect(failed.status).toBe(503);
      expectMatchesSchema("ErrorResponse", failed.json);
      expect(failed.headers.get("x-ratelimit-limit-minute")).not.toBeNull();
      expect(failed.headers.get("x-debug-trace-id")).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(await appCount()).toBe(0);
    expect((await env.api.request("POST", "/dataApps", { body: { displayName: "ok" } })).status).toBe(200);
    expect(await appCount()).toBe(1);
  });

  it("sends 429 faults with Retry-After and the rate-limit headers", async () => {
    env = await startTestEmulator({ allowFaultInjection: true });
    await control("POST", "/faults", { count: 1, status: 429 });
    const limited = await env.api.request("GET", "/dataApps");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("x-ratelimit-remaining-minute")).toBe("0");
    expect(limited.headers.get("x-ratelimit-reset")).not.toBeNull();
    expect(limited.json).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED" });
  });

  it("can run the operation and then reset the connection, as when a response is lost", async () => {
    env = await startTestEmulator({ allowFaultInjection: true });
    await env.api.request("GET", "/dataApps");
    const added = await control("POST", "/faults", { count: 1, resetAfter: true, match: { method: "POST" } });
    expect(added.status).toBe(200);
    await expect(
      env.api.request("POST", "/dataApps", { body: { displayName: "applied" } }),
    ).rejects.toThrow();
    const apps = (await env.api.json("GET", "/dataApps")).dataApps as { displayName: string }[];
    expect(apps.map((app) => app.displayName)).toEqual(["applied"]);
    expect((await stats()).byStatus.reset).toBe(1);
    expect((await control("POST", "/faults", { count: 1, reset: true, resetAfter: true })).status).toBe(400);
  });

  it("resets the connection without storing anything, and adds latency before running the operation", async () => {
    env = await startTestEmulator({ allowFaultInjection: true });
    await env.api.request("GET", "/dataApps");
    await control("POST", "/faults", { count: 1, reset: true, match: { pathPrefix: "/v1beta1/dataApps" } });
    await expect(env.api.request("POST", "/dataApps", { body: { displayName: "lost" } })).rejects.toThrow();
    expect(await appCount()).toBe(0);
    await control("POST", "/faults", { count: 1, latencyMs: 300 });
    const started = Date.now();
    expect((await env.api.request("POST", "/dataApps", { body: { displayName: "slow" } })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await appCount()).toBe(1);
    const snapshot = await stats();
    expect(snapshot.byStatus.reset).toBe(1);
  });

  it("DELETE clears pending faults and bad fault bodies are refused", async () => {
    env = await startTestEmulator({ allowFaultInjection: true });
    await control("POST", "/faults", { count: 5, status: 500 });
    expect((await control("GET", "/faults")).json.pending).toHaveLength(1);
    await control("DELETE", "/faults");
    expect((await env.api.request("GET", "/dataApps")).status).toBe(200);
    expect((await control("POST", "/faults", { count: 0, status: 500 })).status).toBe(400);
    expect((await control("POST", "/faults", { count: 1, status: 418 })).status).toBe(400);
    expect((await control("POST", "/faults", { count: 1 })).status).toBe(400);
  });

  it("counts requests, challenges, statuses and routes, and resets the counters", async () => {
    env = await startTestEmulator();
    await control("POST", "/stats/reset");
    // First call: challenge + authenticated request; second: one request.
    await env.api.request("POST", "/dataApps", { body: { displayName: "s" } });
    await env.api.request("GET", "/dataApps");
    await env.api.request("GET", "/dataApps/dataapp-nothere1");
    const snapshot = await stats();
    expect(snapshot).toEqual({
      requests: 4,
      challenges: 1,
      byStatus: { "200": 2, "401": 1, "404": 1 },
      byRoute: {
        "POST /v1beta1/dataApps": 2,
        "GET /v1beta1/dataApps": 1,
        "GET /v1beta1/dataApps/{dataAppId}": 1,
      },
    });
    expect(JSON.stringify(snapshot)).not.toContain(env.emulator.privateKey);
    await control("POST", "/stats/reset");
    expect(await stats()).toEqual({ requests: 0, challenges: 0, byStatus: {}, byRoute: {} });
  });
});
