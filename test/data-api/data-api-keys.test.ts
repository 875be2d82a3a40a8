import { afterEach, describe, expect, it } from "vitest";
import { dataPlaneFactory } from "../../src/emulator/data-api/index.js";
import { DataApiEnv } from "./data-api-env.js";
import { databaseUrl, MARIADB_URL, mariadbAvailable } from "./mariadb.js";

describe("data API keys and clusters", () => {
  const envs: DataApiEnv[] = [];
  afterEach(async () => {
    for (const env of envs.splice(0)) await env.close();
  });

  it.skipIf(!mariadbAvailable)(
    "enforces the key's own rate limit with X-Ratelimit headers and 429 49900007",
    async () => {
      // Windows are aligned to the minute: a fixed clock 10 s into one keeps a real boundary out of the test.
      let clock = Math.floor(Date.now() / 60_000) * 60_000 + 10_000;
      const api = await DataApiEnv.start(MARIADB_URL, {}, dataPlaneFactory({ now: () => clock }));
      envs.push(api);
      await api.createEndpoint({ path: "/one", sqlTemplate: "SELECT 1 AS one" });
      await api.deploy();
      const key = await api.createKey("READ_ONLY", { rateLimitRpm: 3 });
      const other = await api.createKey("READ_ONLY", { rateLimitRpm: 3 });
      const remaining: string[] = [];
      for (let call = 0; call < 3; call++) {
        const response = await api.call("GET", "/one", key);
        expect(response.status).toBe(200);
        expect(response.headers.get("x-ratelimit-limit-minute")).toBe("3");
        remaining.push(response.headers.get("x-ratelimit-remaining-minute") ?? "");
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const limited = await api.call("GET", "/one", key);
      expect(limited.status).toBe(429);
      expect(limited.body.type).toBe("");
      expect(limited.body.data.result.code).toBe(49900007);
      expect(limited.headers.get("x-ratelimit-reset")).toBe("50");
      // Limits are per key.
      expect((await api.call("GET", "/one", other)).status).toBe(200);
      // The next minute opens a new window.
      clock += 50_000;
      const renewed = await api.call("GET", "/one", key);
      expect(renewed.status).toBe(200);
      expect(renewed.headers.get("x-ratelimit-remaining-minute")).toBe("2");
    },
  );

  it.skipIf(!mariadbAvailable)(
    "serves a cached GET until its TTL passes, then runs the SQL again",
    async () => {
      let clock = Date.now();
      const api = await DataApiEnv.start(MARIADB_URL, {}, dataPlaneFactory({ now: () => clock }));
      envs.push(api);
      await api.createEndpoint({
        path: "/stamp",
        sqlTemplate: "SELECT UUID() AS stamp",
        settings: { cacheEnabled: true, cacheTtl: 30 },
      });
      const key = await api.createKey("READ_ONLY");
      const stamp = async () =>
        (await api.call("GET", "/stamp", key, { draft: true })).body.data.rows[0]?.stamp;
      const first = await stamp();
      expect(await stamp()).toBe(first);
      clock += 29_000;
      expect(await stamp()).toBe(first);
      clock += 2_000;
      const fresh = await stamp();
      expect(fresh).not.toBe(first);
      expect(await stamp()).toBe(fresh);
    },
  );

  it("refuses an expired key with 401 and code 49900002", async () => {
    // The data plane's clock runs two minutes ahead, so a one-minute key is already expired.
    const api = await DataApiEnv.start(
      undefined,
      {},
      dataPlaneFactory({ now: () => Date.now() + 2 * 60_000 }),
    );
    envs.push(api);
    await api.createEndpoint({ path: "/one", sqlTemplate: "SELECT 1 AS one" });
    const key = await api.createKey("READ_ONLY", {
      apiKeyExpireSetting: { expireOption: "EXPIRE_OPTION_SET_TTL", apiKeyTtl: 1 },
    });
    const response = await api.call("GET", "/one", key, { draft: true });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      type: "",
      data: { result: { code: 49900002, message: "API Key is no longer valid" } },
    });
  });

  it("keeps management working without a database and says how to attach one", async () => {
    const api = await DataApiEnv.start(undefined);
    envs.push(api);
    const endpointId = await api.createEndpoint({ path: "/one", sqlTemplate: "SELECT 1 AS one" });
    await api.deploy();
    const key = await api.createKey("READ_ONLY");
    const response = await api.call("GET", "/one", key);
    expect(response.status).toBe(500);
    expect(response.body.data.result.code).toBe(500);
    expect(response.body.data.result.message).toMatch(
      /^internal error! cluster \d+ has no database attached/,
    );
    expect(response.body.data.result.message).toContain("--cluster");
    expect(response.body.data.result.message).toContain("--mysql-url");
    const tested = await api.test(endpointId, {});
    expect(tested.status).toBe(500);
    expect(JSON.stringify(tested.json)).toContain("has no database attached");
  });

  it.skipIf(!mariadbAvailable)("runs each endpoint on the database bound to its cluster", async () => {
    const api = await DataApiEnv.start(undefined, {
      clusters: [
        { id: "10000000000000000001", name: "NoDatabase" },
        { id: "10000000000000000002", name: "Maria", mysqlUrl: databaseUrl("information_schema") },
      ],
    });
    envs.push(api);
    await api.linkCluster("10000000000000000002");
    await api.createEndpoint({
      path: "/db",
      sqlTemplate: "SELECT DATABASE() AS db",
      clusterId: "10000000000000000002",
    });
    await api.createEndpoint({ path: "/none", sqlTemplate: "SELECT 1 AS one" });
    const key = await api.createKey("READ_ONLY");
    expect((await api.call("GET", "/db", key, { draft: true })).body.data.rows).toEqual([
      { db: "information_schema" },
    ]);
    expect((await api.call("GET", "/none", key, { draft: true })).status).toBe(500);
  });
});
