import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID } from "../../src/emulator/index.js";
import type { DigestFetch } from "../helpers/digest-fetch.js";
import { expectMatchesSpec } from "../helpers/spec-validator.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

type Json = Record<string, unknown>;

async function waitForDeployment(api: DigestFetch, appId: string, deploymentId: string): Promise<Json> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const deployment = await api.json(`GET`, `/dataApps/${appId}/deployments/${deploymentId}`);
    if (deployment.status === "SUCCEEDED" || deployment.status === "FAILED") return deployment;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("deployment never finished");
}

describe("management API: every operation, validated against the spec", () => {
  let env: TestEmulator;
  let api: DigestFetch;
  beforeAll(async () => {
    env = await startTestEmulator({ clusters: [{ id: DEFAULT_CLUSTER_ID }, { id: "20000000000000000002" }] });
    api = env.api;
  });
  afterAll(() => env.close());

  it("runs a Data App through its whole life", async () => {
    const created = await api.request("POST", "/dataApps", {
      body: { displayName: "shop", description: "orders", clusterId: DEFAULT_CLUSTER_ID },
    });
    expect(created.status).toBe(200);
    expectMatchesSpec("createDataApp", 200, created.json);
    const app = created.json as Json;
    const appId = app.dataAppId as string;
    expect(appId).toMatch(/^dataapp-[A-Za-z0-9]{8}$/);
    expect(app).toMatchObject({ displayName: "shop", description: "orders", name: `dataApps/${appId}` });

    const list = await api.request("GET", "/dataApps");
    expectMatchesSpec("listDataApps", 200, list.json);
    expect((list.json as Json).dataApps).toContainEqual(expect.objectContaining({ dataAppId: appId }));

    const got = await api.request("GET", `/dataApps/${appId}`);
    expectMatchesSpec("getDataApp", 200, got.json);

    const updated = await api.request("PATCH", `/dataApps/${appId}`, { body: { displayName: "shop2" } });
    expectMatchesSpec("updateDataApp", 200, updated.json);
    expect(updated.json).toMatchObject({ displayName: "shop2", description: "orders" });

    // Data sources
    const sources = await api.request("GET", `/dataApps/${appId}/dataSources`);
    expectMatchesSpec("listDataSources", 200, sources.json);
    expect((sources.json as Json).dataSources).toEqual([
      expect.objectContaining({ clusterId: DEFAULT_CLUSTER_ID }),
    ]);
    const linked = await api.request("POST", `/dataApps/${appId}/dataSources`, {
      body: { clusterId: "20000000000000000002" },
    });
    expectMatchesSpec("createDataSource", 200, linked.json);
    const source = await api.request("GET", `/dataApps/${appId}/dataSources/20000000000000000002`);
    expectMatchesSpec("getDataSource", 200, source.json);
    const unlinked = await api.request("DELETE", `/dataApps/${appId}/dataSources/20000000000000000002`);
    expect(unlinked.status).toBe(200);
    expectMatchesSpec("deleteDataSource", 200, unlinked.json);
    expect((await api.request("GET", `/dataApps/${appId}/dataSources/20000000000000000002`)).status).toBe(
      404,
    );

    // Endpoints
    const endpointBody = {
      displayName: "get_order",
      path: "/orders/{id}",
      method: "GET",
      clusterId: DEFAULT_CLUSTER_ID,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Data Service SQL template, not JavaScript
      sqlTemplate: "SELECT * FROM orders WHERE id = ${id}",
      params: [
        { name: "id", type: "integer" },
        { name: "flag", type: "bool", defaultValue: "true" },
      ],
    };
    const endpointCreated = await api.request("POST", `/dataApps/${appId}/endpoints`, { body: endpointBody });
    expect(endpointCreated.status, endpointCreated.text).toBe(200);
    expectMatchesSpec("createEndpoint", 200, endpointCreated.json);
    const endpoint = endpointCreated.json as Json;
    const endpointId = endpoint.endpointId as string;
    expect(endpoint).toMatchObject({
      name: `dataApps/${appId}/endpoints/${endpointId}`,
      status: "draft",
      type: "sql_endpoint",
      returnType: "json",
      tag: "Default",
      batchOperation: false,
      settings: {
        timeout: 30000,
        rowLimit: 1000,
        cacheEnabled: false,
        cacheTtl: 300,
        paginationEnabled: false,
      },
      params: [
        { name: "id", type: "INTEGER", required: true },
        { name: "flag", type: "BOOLEAN", required: false, defaultValue: "true" },
      ],
    });
    const endpoints = await api.request("GET", `/dataApps/${appId}/endpoints`);
    expectMatchesSpec("listEndpoints", 200, endpoints.json);
    const endpointGot = await api.json("GET", `/dataApps/${appId}/endpoints/${endpointId}`);
    expectMatchesSpec("createEndpoint", 200, endpointGot);
    expect(endpointGot).toEqual(endpoint);

    // API keys
    const keyCreated = await api.request("POST", `/dataApps/${appId}/apiKeys`, {
      body: { role: "READ_ONLY", description: "reader", rateLimitRpm: 50 },
    });
    expectMatchesSpec("createDataAppApiKey", 200, keyCreated.json);
    const key = keyCreated.json as Json;
    expect(key.publicKey).toMatch(/^[A-Z0-9]{8}$/);
    expect(key.privateKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(key.expireState).toBe("EXPIRE_STATE_NEVER_EXPIRE");
    const masked = `${"*".repeat(32)}${(key.privateKey as string).slice(-4)}`;
    const keys = await api.request("GET", `/dataApps/${appId}/apiKeys`);
    expectMatchesSpec("listDataAppApiKeys", 200, keys.json);
    expect((keys.json as Json).apiKeys).toEqual([
      expect.objectContaining({ apiKeyId: key.apiKeyId, privateKey: masked }),
    ]);
    const keyGot = await api.json("GET", `/dataApps/${appId}/apiKeys/${key.apiKeyId}`);
    expectMatchesSpec("createDataAppApiKey", 200, keyGot);
    expect(keyGot.privateKey).toBe(masked);
    const keyUpdated = await api.json("PATCH", `/dataApps/${appId}/apiKeys/${key.apiKeyId}`, {
      body: { role: "READ_AND_WRITE", rateLimitRpm: 1000 },
    });
    expect(keyUpdated).toMatchObject({
      role: "READ_AND_WRITE",
      rateLimitRpm: 1000,
      description: "reader",
      privateKey: masked,
    });
    const ttlKey = await api.json("POST", `/dataApps/${appId}/apiKeys`, {
      body: {
        role: "READ_ONLY",
        apiKeyExpireSetting: { expireOption: "EXPIRE_OPTION_SET_TTL", apiKeyTtl: 60 },
      },
    });
    expect(ttlKey.expireState).toBe("EXPIRE_STATE_NOT_EXPIRE");
    expect(Date.parse(ttlKey.expireTime as string) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await api.request("DELETE", `/dataApps/${appId}/apiKeys/${ttlKey.apiKeyId}`)).status).toBe(200);
    expect((await api.request("GET", `/dataApps/${appId}/apiKeys/${ttlKey.apiKeyId}`)).status).toBe(404);

    // Deployments
    const deploymentCreated = await api.request("POST", `/dataApps/${appId}/deployments`, {
      body: { description: "first" },
    });
    expectMatchesSpec("createDeployment", 200, deploymentCreated.json);
    const deployment = deploymentCreated.json as Json;
    expect(deployment).toMatchObject({
      status: "PENDING",
      description: "first",
      endpoints: [{ endpointId, method: "GET", path: "/orders/{id}" }],
    });
    const finished = await waitForDeployment(api, appId, deployment.deploymentId as string);
    expect(finished.status).toBe("SUCCEEDED");
    expect(finished.finishTime).toEqual(expect.any(String));
    const deployments = await api.request("GET", `/dataApps/${appId}/deployments`);
    expectMatchesSpec("listDeployments", 200, deployments.json);
    expect((await api.json("GET", `/dataApps/${appId}/endpoints/${endpointId}`)).status).toBe("deployed");

    // Endpoint update makes it a draft again; delete removes it.
    const endpointUpdated = await api.json("PATCH", `/dataApps/${appId}/endpoints/${endpointId}`, {
      body: { description: "by id", settings: { timeout: 5000 } },
    });
    expect(endpointUpdated).toMatchObject({
      status: "draft",
      description: "by id",
      settings: { timeout: 5000, rowLimit: 1000 },
    });

    // API spec
    const apiSpec = await api.request("GET", `/dataApps/${appId}/apiSpec`);
    expectMatchesSpec("getDataAppApiSpec", 200, apiSpec.json);

    expect((await api.request("DELETE", `/dataApps/${appId}/endpoints/${endpointId}`)).status).toBe(200);
    expect((await api.request("GET", `/dataApps/${appId}/endpoints/${endpointId}`)).status).toBe(404);

    const deleted = await api.request("DELETE", `/dataApps/${appId}`);
    expect(deleted.status).toBe(200);
    expectMatchesSpec("deleteDataApp", 200, deleted.json);
    const gone = await api.request("GET", `/dataApps/${appId}`);
    expect(gone.status).toBe(404);
    expectMatchesSpec("getDataApp", 404, gone.json);
    expect(gone.json).toMatchObject({ code: 404, status: "NOT_FOUND" });
  });
});
