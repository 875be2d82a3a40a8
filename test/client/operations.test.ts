import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataServiceClient, type DataServiceClient, DataServiceError } from "../../src/client/index.js";
import type { DataPlane, DataPlaneTestInput } from "../../src/emulator/index.js";
import { EmulatorHarness } from "./emulator-harness.js";

/** Stands in for the data plane: the test call answers in the official camelCase shape, echoing its input. */
function echoDataPlane(seen: DataPlaneTestInput[]): DataPlane {
  return {
    async handle(_req, res) {
      res.writeHead(501).end();
    },
    async runTest(input) {
      seen.push(input);
      return {
        status: 200,
        body: {
          type: "sql_endpoint",
          data: {
            columns: [{ col: "id", dataType: "BIGINT", nullable: false }],
            rows: [{ items: { id: input.args.id ?? null } }],
            result: {
              code: 200,
              message: "Query OK!",
              startMs: "10",
              endMs: "12",
              latency: "2ms",
              rowCount: 1,
              rowAffect: 0,
              limit: 1000,
            },
          },
        },
      };
    },
    async close() {},
  };
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a Data Service SQL template, not a JS template.
const SQL_BY_ID = "SELECT ${id} AS id";

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DataServiceError) return error.kind;
    throw error;
  }
  return "resolved";
}

describe("every typed operation against the emulator", () => {
  const testInputs: DataPlaneTestInput[] = [];
  let harness: EmulatorHarness;
  let client: DataServiceClient;
  let clusterId: string;
  beforeAll(async () => {
    harness = await EmulatorHarness.start({ dataPlaneFactory: () => echoDataPlane(testInputs) });
    client = harness.client();
    clusterId = harness.emulator.clusters[0] ?? "";
  });
  afterAll(() => harness?.close());

  it("manages Data Apps and their data sources", async () => {
    const app = await client.createDataApp({ displayName: "ops", description: "first" });
    expect(app).toMatchObject({ displayName: "ops", description: "first" });
    expect(app.createTime).toMatch(/^\d{4}-/);
    expect((await client.getDataApp(app.dataAppId)).displayName).toBe("ops");
    expect((await client.updateDataApp(app.dataAppId, { description: "second" })).description).toBe("second");
    const page = await client.listDataApps({ pageSize: 100 });
    expect(page.items.map((item) => item.dataAppId)).toContain(app.dataAppId);

    const source = await client.createDataSource(app.dataAppId, clusterId);
    expect(source.clusterId).toBe(clusterId);
    expect((await client.getDataSource(app.dataAppId, clusterId)).clusterId).toBe(clusterId);
    expect((await client.listDataSources(app.dataAppId)).map((item) => item.clusterId)).toEqual([clusterId]);
    await client.deleteDataSource(app.dataAppId, clusterId);
    expect(await client.listDataSources(app.dataAppId)).toEqual([]);

    await client.deleteDataApp(app.dataAppId);
    expect(await kindOf(client.getDataApp(app.dataAppId))).toBe("not_found");
  });

  it("pages through lists with nextPageToken", async () => {
    const ids = new Set<string>();
    for (let index = 0; index < 3; index++)
      ids.add((await client.createDataApp({ displayName: `page-${index}` })).dataAppId);
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.listDataApps({ pageSize: 2, pageToken });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.dataAppId));
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
    for (const id of ids) expect(seen).toContain(id);
  });

  it("manages endpoints, tests a draft, and maps a duplicate to conflict", async () => {
    const app = await client.createDataApp({ displayName: "endpoints" });
    await client.createDataSource(app.dataAppId, clusterId);
    const endpoint = await client.createEndpoint(app.dataAppId, {
      displayName: "by_id",
      path: "/users/{id}",
      method: "GET",
      clusterId,
      sqlTemplate: SQL_BY_ID,
      params: [{ name: "id", type: "INTEGER", required: true }],
      settings: { rowLimit: 10 },
    });
    expect(endpoint).toMatchObject({
      dataAppId: app.dataAppId,
      method: "GET",
      path: "/users/{id}",
      status: "draft",
    });
    expect(endpoint.params[0]).toMatchObject({ name: "id", type: "INTEGER" });
    expect(endpoint.settings.rowLimit).toBe(10);

    expect((await client.getEndpoint(app.dataAppId, endpoint.endpointId)).sqlTemplate).toBe(SQL_BY_ID);
    const updated = await client.updateEndpoint(app.dataAppId, endpoint.endpointId, {
      description: "now described",
    });
    expect(updated.description).toBe("now described");
    expect((await client.listEndpoints(app.dataAppId)).items.map((item) => item.endpointId)).toEqual([
      endpoint.endpointId,
    ]);

    const run = await client.testEndpoint(app.dataAppId, endpoint.endpointId, { id: "42" });
    expect(testInputs.at(-1)?.args).toEqual({ id: "42" });
    expect(run.rows).toEqual([{ id: "42" }]);
    expect(run.columns).toEqual([{ name: "id", dataType: "BIGINT", nullable: false }]);
    expect(run.result).toMatchObject({ code: 200, rowCount: 1, startMs: 10, endMs: 12 });

    const duplicate = client.createEndpoint(app.dataAppId, {
      displayName: "again",
      path: "/users/{id}",
      method: "GET",
      clusterId,
      sqlTemplate: "SELECT 1",
      params: [{ name: "id", type: "INTEGER" }],
    });
    expect(await kindOf(duplicate)).toBe("conflict");
    const invalid = client.createEndpoint(app.dataAppId, {
      displayName: "x",
      path: "no-slash",
      method: "GET",
      clusterId,
      sqlTemplate: "SELECT 1",
    });
    expect(await kindOf(invalid)).toBe("bad_request");

    await client.deleteEndpoint(app.dataAppId, endpoint.endpointId);
    expect(await kindOf(client.getEndpoint(app.dataAppId, endpoint.endpointId))).toBe("not_found");
  });

  it("manages API keys: the private key once, masked afterwards", async () => {
    const app = await client.createDataApp({ displayName: "keys" });
    const key = await client.createApiKey(app.dataAppId, {
      role: "READ_ONLY",
      description: "k",
      rateLimitRpm: 50,
      ttlMinutes: 60,
    });
    expect(key.privateKey).toBeDefined();
    expect(key).toMatchObject({ role: "READ_ONLY", rateLimitRpm: 50, description: "k" });
    expect(key.expireTime).toBeDefined();
    const fetched = await client.getApiKey(app.dataAppId, key.apiKeyId);
    expect(fetched.privateKey).toBeUndefined();
    expect(fetched.maskedPrivateKey).toMatch(/\*+/);
    expect(fetched.maskedPrivateKey?.slice(-4)).toBe(key.privateKey?.slice(-4));
    const updated = await client.updateApiKey(app.dataAppId, key.apiKeyId, {
      role: "READ_AND_WRITE",
      rateLimitRpm: 10,
    });
    expect(updated).toMatchObject({ role: "READ_AND_WRITE", rateLimitRpm: 10 });
    expect((await client.listApiKeys(app.dataAppId)).items.map((item) => item.apiKeyId)).toEqual([
      key.apiKeyId,
    ]);
    await client.deleteApiKey(app.dataAppId, key.apiKeyId);
    expect(await kindOf(client.getApiKey(app.dataAppId, key.apiKeyId))).toBe("not_found");
  });

  it("deploys, reads deployments, and fetches the API spec as JSON and YAML", async () => {
    const app = await client.createDataApp({ displayName: "deploy" });
    await client.createDataSource(app.dataAppId, clusterId);
    await client.createEndpoint(app.dataAppId, {
      displayName: "all",
      path: "/all",
      method: "GET",
      clusterId,
      sqlTemplate: "SELECT 1",
    });
    const deployment = await client.createDeployment(app.dataAppId, "v1");
    expect(deployment).toMatchObject({ dataAppId: app.dataAppId, description: "v1" });
    expect(["PENDING", "RUNNING", "SUCCEEDED"]).toContain(deployment.status);
    let current = deployment;
    for (let poll = 0; poll < 50 && current.status !== "SUCCEEDED" && current.status !== "FAILED"; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      current = await client.getDeployment(app.dataAppId, deployment.deploymentId);
    }
    expect(current.status).toBe("SUCCEEDED");
    expect(current.endpoints?.map((endpoint) => endpoint.path)).toEqual(["/all"]);
    expect((await client.listDeployments(app.dataAppId)).items.map((item) => item.deploymentId)).toContain(
      deployment.deploymentId,
    );

    const json = await client.getApiSpec(app.dataAppId, "json");
    expect(JSON.parse(json.content).openapi).toMatch(/^3\./);
    const yaml = await client.getApiSpec(app.dataAppId, "yaml");
    expect(yaml.format).toBe("yaml");
    expect(yaml.content).toMatch(/^openapi: /m);
    expect(yaml.content).toContain("/all");
  });
});

describe("against a stub answering in the official API's spellings", () => {
  const urls: string[] = [];
  let server: Server;
  let client: DataServiceClient;
  const officialSpecJson = JSON.stringify({
    openapi: "3.0.3",
    info: { title: "app", version: "1" },
    paths: {},
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      urls.push(`${req.method} ${req.url}`);
      const url = new URL(req.url ?? "/", "http://stub");
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === "/v1beta1/dataApps" && req.method === "GET") {
        reply(200, {
          dataApps: [{ dataAppId: "a", displayName: "x", createdAt: "2024-01-01T00:00:00Z" }],
          nextPageToken: "",
        });
      } else if (url.pathname === "/v1beta1/dataApps" && req.method === "POST") {
        reply(200, {
          dataAppId: "a",
          displayName: "x",
          createdAt: "2024-01-01T00:00:00Z",
          updatedAt: "2024-01-02T00:00:00Z",
        });
      } else if (url.pathname === "/v1beta1/dataApps/a/apiSpec") {
        const content =
          url.searchParams.get("format") === "YAML"
            ? "openapi: 3.0.3\ninfo:\n  title: app\n  version: '1'\npaths: {}\n"
            : officialSpecJson;
        reply(200, { name: "dataApps/a/apiSpec", content });
      } else {
        reply(
          404,
          { code: 5, message: "dataApp not found", details: [] },
          { "x-debug-trace-id": "trace-42" },
        );
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    client = createDataServiceClient({
      baseUrl: `http://127.0.0.1:${port}/v1beta1`,
      publicKey: "p",
      privateKey: "s",
      projectId: "1372813089454548012",
    });
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends projectId in the query of list and create Data App, and nowhere else", async () => {
    urls.length = 0;
    const page = await client.listDataApps({ pageSize: 5 });
    expect(page).toEqual({
      items: [expect.objectContaining({ dataAppId: "a", createTime: "2024-01-01T00:00:00Z" })],
    });
    const app = await client.createDataApp({ displayName: "x" });
    expect(app).toMatchObject({ createTime: "2024-01-01T00:00:00Z", updateTime: "2024-01-02T00:00:00Z" });
    await client.getDataApp("b").catch(() => {});
    expect(urls).toEqual([
      "GET /v1beta1/dataApps?projectId=1372813089454548012&pageSize=5",
      "POST /v1beta1/dataApps?projectId=1372813089454548012",
      "GET /v1beta1/dataApps/b",
    ]);
  });

  it("unwraps the official {name, content} API spec in the format asked for", async () => {
    const json = await client.getApiSpec("a", "json");
    expect(JSON.parse(json.content)).toEqual(JSON.parse(officialSpecJson));
    expect(urls.at(-1)).toBe("GET /v1beta1/dataApps/a/apiSpec?format=JSON");
    const yaml = await client.getApiSpec("a", "yaml");
    expect(yaml.content).toMatch(/^openapi: 3\.0\.3/);
    expect(urls.at(-1)).toBe("GET /v1beta1/dataApps/a/apiSpec?format=YAML");
  });

  it("reads the official error body and the debug trace id", async () => {
    const error = (await client.getDataApp("missing").catch((caught: unknown) => caught)) as DataServiceError;
    expect(error).toBeInstanceOf(DataServiceError);
    expect(error).toMatchObject({
      kind: "not_found",
      status: 404,
      code: 5,
      traceId: "trace-42",
      message: "dataApp not found",
    });
  });
});
