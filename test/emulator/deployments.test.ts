import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID, type EmulatorStoreView } from "../../src/emulator/index.js";
import type { DigestFetch } from "../helpers/digest-fetch.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

type Json = Record<string, unknown>;
const SECOND_CLUSTER = "40000000000000000004";

async function statusesUntilDone(api: DigestFetch, appId: string, deploymentId: string): Promise<string[]> {
  const seen: string[] = [];
  for (let attempt = 0; attempt < 400; attempt++) {
    const deployment = await api.json("GET", `/dataApps/${appId}/deployments/${deploymentId}`);
    if (seen.at(-1) !== deployment.status) seen.push(deployment.status as string);
    if (deployment.status === "SUCCEEDED" || deployment.status === "FAILED") return seen;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`deployment ${deploymentId} never finished: ${seen.join(" -> ")}`);
}

describe("deployments", () => {
  let env: TestEmulator;
  let api: DigestFetch;
  let store: EmulatorStoreView | undefined;
  beforeAll(async () => {
    env = await startTestEmulator({
      // Long enough that a loaded CI machine still polls while the deployment is PENDING.
      deploymentStepMs: 250,
      clusters: [{ id: DEFAULT_CLUSTER_ID }, { id: SECOND_CLUSTER }],
      dataPlaneFactory: (context) => {
        store = context.store;
        return {
          handle: async (_req, res) => {
            res.writeHead(204).end();
          },
          runTest: async ({ endpoint, args }) => ({
            status: 200,
            body: { type: "sql_endpoint", echo: { path: endpoint.path, args } },
          }),
          close: async () => {},
        };
      },
    });
    api = env.api;
  });
  afterAll(() => env.close());

  async function newApp(): Promise<string> {
    const app = await api.json("POST", "/dataApps", {
      body: { displayName: "d", clusterId: DEFAULT_CLUSTER_ID },
    });
    return app.dataAppId as string;
  }

  async function newEndpoint(appId: string, path: string, clusterId = DEFAULT_CLUSTER_ID): Promise<Json> {
    return api.json("POST", `/dataApps/${appId}/endpoints`, {
      body: { displayName: "e", path, method: "GET", clusterId, sqlTemplate: "SELECT 1" },
    });
  }

  it("never makes an endpoint live that was deleted while its deployment was still running", async () => {
    const appId = await newApp();
    const kept = await newEndpoint(appId, "/kept");
    const deleted = await newEndpoint(appId, "/deleted");
    const deployment = await api.json("POST", `/dataApps/${appId}/deployments`);
    expect((await api.request("DELETE", `/dataApps/${appId}/endpoints/${deleted.endpointId}`)).status).toBe(
      200,
    );
    expect((await statusesUntilDone(api, appId, deployment.deploymentId as string)).at(-1)).toBe("SUCCEEDED");
    expect(store!.listLiveEndpoints(appId).map((live) => live.endpointId)).toEqual([kept.endpointId]);
  });

  it("moves PENDING -> RUNNING -> SUCCEEDED and only then makes the snapshot live", async () => {
    const appId = await newApp();
    const endpoint = await newEndpoint(appId, "/one");
    const deployment = await api.json("POST", `/dataApps/${appId}/deployments`);
    expect(deployment.status).toBe("PENDING");
    expect(store!.listLiveEndpoints(appId)).toEqual([]);
    // Created after the deployment: not part of its snapshot.
    await newEndpoint(appId, "/two");
    expect(await statusesUntilDone(api, appId, deployment.deploymentId as string)).toEqual([
      "PENDING",
      "RUNNING",
      "SUCCEEDED",
    ]);
    expect(store!.listLiveEndpoints(appId).map((live) => live.path)).toEqual(["/one"]);
    const endpoints = (await api.json("GET", `/dataApps/${appId}/endpoints`)).endpoints as Json[];
    expect(endpoints.map((e) => [e.path, e.status])).toEqual([
      ["/one", "deployed"],
      ["/two", "draft"],
    ]);
    // The data plane sees drafts and the live snapshot through the store view.
    expect(store!.listDraftEndpoints(appId)).toHaveLength(2);
    const tested = await api.json("POST", `/dataApps/${appId}/endpoints/${endpoint.endpointId}/test`, {
      body: { args: [{ items: { a: "1" } }, { items: { b: "2" } }] },
    });
    expect(tested).toEqual({ type: "sql_endpoint", echo: { path: "/one", args: { a: "1", b: "2" } } });
  });

  it("FAILS with a reason when an endpoint's cluster was unlinked, and keeps the previous live set", async () => {
    const appId = await newApp();
    await api.json("POST", `/dataApps/${appId}/dataSources`, { body: { clusterId: SECOND_CLUSTER } });
    await newEndpoint(appId, "/stable");
    const first = await api.json("POST", `/dataApps/${appId}/deployments`);
    await statusesUntilDone(api, appId, first.deploymentId as string);
    await newEndpoint(appId, "/moved", SECOND_CLUSTER);
    await api.json("DELETE", `/dataApps/${appId}/dataSources/${SECOND_CLUSTER}`);
    const second = await api.json("POST", `/dataApps/${appId}/deployments`, {
      body: { description: "breaks" },
    });
    expect(await statusesUntilDone(api, appId, second.deploymentId as string)).toEqual([
      "PENDING",
      "RUNNING",
      "FAILED",
    ]);
    const failed = await api.json("GET", `/dataApps/${appId}/deployments/${second.deploymentId}`);
    expect(failed.statusErrorMessage).toMatch(
      new RegExp(`GET /moved .*cluster ${SECOND_CLUSTER}.*not linked`),
    );
    expect(store!.listLiveEndpoints(appId).map((live) => live.path)).toEqual(["/stable"]);
  });

  it("deploys an app without endpoints", async () => {
    const appId = await newApp();
    const deployment = await api.json("POST", `/dataApps/${appId}/deployments`, { body: {} });
    expect(deployment.endpoints).toEqual([]);
    expect((await statusesUntilDone(api, appId, deployment.deploymentId as string)).at(-1)).toBe("SUCCEEDED");
  });

  it("deleting an app deletes its data sources, endpoints, keys and deployments", async () => {
    const appId = await newApp();
    const endpoint = await newEndpoint(appId, "/gone");
    const key = await api.json("POST", `/dataApps/${appId}/apiKeys`, { body: { role: "READ_ONLY" } });
    const deployment = await api.json("POST", `/dataApps/${appId}/deployments`);
    await api.json("DELETE", `/dataApps/${appId}`);
    for (const path of [
      `/dataApps/${appId}`,
      `/dataApps/${appId}/dataSources`,
      `/dataApps/${appId}/endpoints/${endpoint.endpointId}`,
      `/dataApps/${appId}/apiKeys/${key.apiKeyId}`,
      `/dataApps/${appId}/deployments/${deployment.deploymentId}`,
    ]) {
      expect((await api.request("GET", path)).status, path).toBe(404);
    }
    expect(store!.findApiKeyByPublicKey(key.publicKey as string)).toBeUndefined();
    expect(store!.listDraftEndpoints(appId)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store!.listLiveEndpoints(appId)).toEqual([]);
  });

  it("exposes API keys to the data plane with their full private key", async () => {
    const appId = await newApp();
    const key = await api.json("POST", `/dataApps/${appId}/apiKeys`, {
      body: { role: "READ_AND_WRITE", rateLimitRpm: 7 },
    });
    expect(store!.findApiKeyByPublicKey(key.publicKey as string)).toMatchObject({
      dataAppId: appId,
      privateKey: key.privateKey,
      role: "READ_AND_WRITE",
      rateLimitRpm: 7,
    });
    const dataApi = await fetch(`${env.emulator.dataApiUrl}/app/${appId}/endpoint/x`);
    expect(dataApi.status).toBe(204);
  });
});
