import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID } from "../../src/emulator/index.js";
import { expectMatchesSpec } from "../helpers/spec-validator.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

type Page = { dataApps: { dataAppId: string; displayName: string }[]; nextPageToken?: string };

describe("pagination of management lists", () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator({ pageTokenTtlMs: 1500 });
    for (let i = 0; i < 105; i++) {
      await env.api.json("POST", "/dataApps", { body: { displayName: `app_${String(i).padStart(3, "0")}` } });
    }
  });
  afterAll(() => env.close());

  it("defaults to 100 per page and walks every item exactly once with the token", async () => {
    const first = await env.api.json<Page>("GET", "/dataApps");
    expectMatchesSpec("listDataApps", 200, first);
    expect(first.dataApps).toHaveLength(100);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await env.api.json<Page>(
      "GET",
      `/dataApps?pageToken=${encodeURIComponent(first.nextPageToken!)}`,
    );
    expect(second.dataApps).toHaveLength(5);
    expect(second.nextPageToken).toBeUndefined();
    const names = [...first.dataApps, ...second.dataApps].map((app) => app.displayName);
    expect(names).toEqual(Array.from({ length: 105 }, (_, i) => `app_${String(i).padStart(3, "0")}`));
  });

  it("does not skip or repeat items when an item is deleted between pages", async () => {
    const first = await env.api.json<Page>("GET", "/dataApps?pageSize=10");
    expect(first.dataApps).toHaveLength(10);
    await env.api.json("DELETE", `/dataApps/${first.dataApps[3]!.dataAppId}`);
    const second = await env.api.json<Page>(
      "GET",
      `/dataApps?pageSize=10&pageToken=${encodeURIComponent(first.nextPageToken!)}`,
    );
    expect(second.dataApps[0]!.displayName).toBe("app_010");
  });

  it("refuses forged tokens, tokens of another list and stale tokens with 400", async () => {
    const first = await env.api.json<Page>("GET", "/dataApps?pageSize=2");
    const token = first.nextPageToken!;
    const [body, signature] = token.split(".");
    const payload = JSON.parse(Buffer.from(body!, "base64url").toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, after: 0 })).toString("base64url")}.${signature}`;
    for (const bad of [forged, "garbage", `${body}.`, ""]) {
      if (bad === "") continue;
      const response = await env.api.request("GET", `/dataApps?pageToken=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
      expect(response.json).toMatchObject({
        code: 400,
        status: "INVALID_ARGUMENT",
        error: "INVALID_PAGE_TOKEN",
      });
    }
    const appId = first.dataApps[0]!.dataAppId;
    await env.api.json("POST", `/dataApps/${appId}/apiKeys`, { body: { role: "READ_ONLY" } });
    const otherList = await env.api.request(
      "GET",
      `/dataApps/${appId}/apiKeys?pageToken=${encodeURIComponent(token)}`,
    );
    expect(otherList.status).toBe(400);
    expect((otherList.json as { message: string }).message).toMatch(/different list/);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const stale = await env.api.request("GET", `/dataApps?pageToken=${encodeURIComponent(token)}`);
    expect(stale.status).toBe(400);
    expect(stale.json).toMatchObject({ error: "STALE_PAGE_TOKEN" });
  });

  it("paginates endpoints, keys and deployments the same way", async () => {
    const app = await env.api.json("POST", "/dataApps", {
      body: { displayName: "paged", clusterId: DEFAULT_CLUSTER_ID },
    });
    for (let i = 0; i < 3; i++) {
      await env.api.json("POST", `/dataApps/${app.dataAppId}/endpoints`, {
        body: {
          displayName: `e${i}`,
          path: `/e${i}`,
          method: "GET",
          clusterId: DEFAULT_CLUSTER_ID,
          sqlTemplate: "SELECT 1",
        },
      });
    }
    const first = await env.api.json<{ endpoints: { path: string }[]; nextPageToken?: string }>(
      "GET",
      `/dataApps/${app.dataAppId}/endpoints?pageSize=2`,
    );
    expectMatchesSpec("listEndpoints", 200, first);
    expect(first.endpoints.map((endpoint) => endpoint.path)).toEqual(["/e0", "/e1"]);
    const second = await env.api.json<{ endpoints: { path: string }[]; nextPageToken?: string }>(
      "GET",
      `/dataApps/${app.dataAppId}/endpoints?pageSize=2&pageToken=${encodeURIComponent(first.nextPageToken!)}`,
    );
    expect(second.endpoints.map((endpoint) => endpoint.path)).toEqual(["/e2"]);
    expect(second.nextPageToken).toBeUndefined();
  });
});
