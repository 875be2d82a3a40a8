// biome-ignore-all lint/suspicious/noTemplateCurlyInString: SQL templates use ${name} placeholders
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import type { DataApiCaller, DataServiceApi } from "../../src/client/api.js";
import { DataServiceError } from "../../src/client/errors.js";
import type { CreateEndpointInput, Deployment, EndpointRunResult } from "../../src/client/model.js";
import { createServer, type ServerOptions } from "../../src/server.js";
import { textOf } from "./mcp-harness.js";

// Paths the emulator cannot produce on demand (a failed or endless deployment, a
// data API answering 408) run here against a scripted API, over an in-memory transport.

const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function scriptedApi(operations: Partial<DataServiceApi>): DataServiceApi {
  return new Proxy(operations as DataServiceApi, {
    get(target, property) {
      const operation = (target as unknown as Record<string | symbol, unknown>)[property];
      if (operation !== undefined) return operation;
      return () => Promise.reject(new Error(`unexpected call to ${String(property)}`));
    },
  });
}

const unusedDataApi: DataApiCaller = { call: () => Promise.reject(new Error("unexpected data API call")) };

async function connect(
  options: Partial<ServerOptions> & { api: DataServiceApi },
  answerElicitation?: (message: string) => ElicitResult,
): Promise<Client> {
  const server = createServer({ dataApi: unusedDataApi, deployPollIntervalMs: 5, ...options });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client(
    { name: "in-memory", version: "1" },
    { capabilities: answerElicitation ? { elicitation: { form: {} } } : {} },
  );
  if (answerElicitation) {
    client.setRequestHandler(ElicitRequestSchema, async (request) =>
      answerElicitation(request.params.message),
    );
  }
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

function deployment(status: Deployment["status"], extra: Partial<Deployment> = {}): Deployment {
  return { deploymentId: "d1", dataAppId: "app", status, ...extra };
}

describe("deploy_data_app", () => {
  it("reports a failed deployment as a tool error with the reason", async () => {
    const statuses: Deployment["status"][] = ["RUNNING", "FAILED"];
    const client = await connect({
      api: scriptedApi({
        createDeployment: async () => deployment("PENDING"),
        getDeployment: async () => {
          const status = statuses.shift() ?? "FAILED";
          return deployment(
            status,
            status === "FAILED" ? { statusErrorMessage: "endpoint /x: bad SQL" } : {},
          );
        },
      }),
    });
    const result = (await client.callTool({
      name: "deploy_data_app",
      arguments: { dataAppId: "app" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("endpoint /x: bad SQL");
  });

  it("reports every status it sees, the final one included, while it waits", async () => {
    const statuses: Deployment["status"][] = ["RUNNING", "RUNNING", "SUCCEEDED"];
    const client = await connect({
      api: scriptedApi({
        createDeployment: async () => deployment("PENDING"),
        getDeployment: async () =>
          deployment(statuses.shift() ?? "SUCCEEDED", {
            endpoints: [{ endpointId: "1", method: "GET", path: "/x" }],
          }),
      }),
    });
    const progress: { progress: number; message?: string }[] = [];
    const result = (await client.callTool(
      { name: "deploy_data_app", arguments: { dataAppId: "app" } },
      undefined,
      { onprogress: (p) => progress.push(p) },
    )) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ finished: true, deployment: { status: "SUCCEEDED" } });
    expect(progress.map((p) => p.message)).toEqual([
      "Deployment d1: PENDING",
      "Deployment d1: RUNNING",
      "Deployment d1: RUNNING",
      "Deployment d1: SUCCEEDED",
    ]);
    expect(progress.map((p) => p.progress)).toEqual([0, 1, 2, 3]);
  });

  it("stops waiting at its bound and says how to check later", async () => {
    const client = await connect({
      // Far above the 5 ms poll interval, so that a stalled machine still polls at least once.
      deployTimeoutMs: 300,
      api: scriptedApi({
        createDeployment: async () => deployment("PENDING"),
        getDeployment: async () => deployment("RUNNING"),
      }),
    });
    const progress: number[] = [];
    const result = (await client.callTool(
      { name: "deploy_data_app", arguments: { dataAppId: "app" } },
      undefined,
      {
        onprogress: (p) => progress.push(p.progress),
      },
    )) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ finished: false, deployment: { status: "RUNNING" } });
    expect(textOf(result)).toContain("get_deployment d1");
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe("scoping and read-only refusal", () => {
  it("injects the scoped dataAppId even when a caller sends another", async () => {
    const seen: string[] = [];
    const client = await connect({
      dataAppId: "dataapp-scoped",
      api: scriptedApi({
        getDataApp: async (dataAppId) => {
          seen.push(dataAppId);
          return { dataAppId, displayName: "scoped" };
        },
      }),
    });
    await client.callTool({ name: "get_data_app", arguments: { dataAppId: "dataapp-other" } });
    expect(seen).toEqual(["dataapp-scoped"]);
  });

  it("refuses a hidden mutating tool without calling the API", async () => {
    const client = await connect({ readOnly: true, api: scriptedApi({}) });
    const result = (await client.callTool({
      name: "delete_api_key",
      arguments: { dataAppId: "a", apiKeyId: "k" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("--read-only");
  });
});

describe("call_endpoint answers from the data API", () => {
  const empty: EndpointRunResult = {
    type: "",
    columns: [],
    rows: [],
    result: { code: 408, message: "request timeout.", latency: "", rowCount: 0, rowAffect: 0, limit: 0 },
  };

  it("turns a 408 into advice about the endpoint's timeout", async () => {
    const client = await connect({
      api: scriptedApi({}),
      dataApi: { call: async () => ({ httpStatus: 408, body: empty }) },
      dataAppKey: { publicKey: "PUB", privateKey: "secret-private" },
    });
    const result = (await client.callTool({
      name: "call_endpoint",
      arguments: { dataAppId: "a", method: "GET", path: "/slow" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("settings.timeout");
    expect(textOf(result)).not.toContain("secret-private");
  });

  it("points at the data API's URL, not the management API's, when it cannot be reached", async () => {
    const client = await connect({
      api: scriptedApi({}),
      dataApi: {
        call: async () => {
          throw new DataServiceError({ kind: "network", message: "connect ECONNREFUSED 127.0.0.1:9." });
        },
      },
      dataAppKey: { publicKey: "PUB", privateKey: "secret-private" },
    });
    const result = (await client.callTool({
      name: "call_endpoint",
      arguments: { dataAppId: "a", method: "GET", path: "/x" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("TIDB_DATASERVICE_DATA_API_URL");
    expect(textOf(result)).toContain("ECONNREFUSED");
  });

  it("says when the data API's own rate limit was hit", async () => {
    const client = await connect({
      api: scriptedApi({}),
      dataApi: {
        call: async () => {
          throw new DataServiceError({
            kind: "rate_limited",
            status: 429,
            message: "limit",
            retryAfterSeconds: 12,
          });
        },
      },
      dataAppKey: { publicKey: "PUB", privateKey: "secret-private" },
    });
    const result = (await client.callTool({
      name: "call_endpoint",
      arguments: { dataAppId: "a", method: "GET", path: "/busy" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("429");
    expect(textOf(result)).toContain("12 seconds");
  });
});

describe("create_endpoint", () => {
  it("sends the settings and tag the official API requires, with the documented defaults", async () => {
    const sent: CreateEndpointInput[] = [];
    const client = await connect({
      api: scriptedApi({
        listDataSources: async () => [{ clusterId: "1" }],
        createEndpoint: async (dataAppId, input) => {
          sent.push(input);
          return {
            ...input,
            endpointId: String(sent.length),
            dataAppId,
            settings: input.settings ?? {},
            params: input.params ?? [],
          };
        },
      }),
    });
    for (const args of [
      { path: "/a", method: "GET", sqlTemplate: "SELECT 1 AS one LIMIT 1" },
      {
        path: "/b",
        method: "POST",
        sqlTemplate: "INSERT INTO t (a) VALUES (${a})",
        params: [{ name: "a", type: "STRING" }],
        batchOperation: true,
        settings: { timeout: 5000 },
        tag: "orders",
      },
    ]) {
      const result = (await client.callTool({
        name: "create_endpoint",
        arguments: { dataAppId: "app", ...args },
      })) as CallToolResult;
      expect(result.isError, textOf(result)).toBeFalsy();
    }
    expect(sent[0]).toMatchObject({
      tag: "Default",
      settings: {
        timeout: 30000,
        rowLimit: 1000,
        cacheEnabled: false,
        cacheTtl: 300,
        paginationEnabled: false,
      },
    });
    expect(sent[1]).toMatchObject({
      tag: "orders",
      settings: {
        timeout: 5000,
        rowLimit: 100,
        cacheEnabled: false,
        cacheTtl: 300,
        paginationEnabled: false,
      },
    });
  });
});

describe("test_endpoint keeps large results compact", () => {
  it("cuts long values and stops adding rows at a size budget, saying what was left out", async () => {
    const longNote = "x".repeat(5_000);
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: String(i + 1), note: longNote }));
    const client = await connect({
      api: scriptedApi({
        testEndpoint: async () => ({
          type: "sql_endpoint",
          columns: [
            { name: "id", dataType: "INT", nullable: false },
            { name: "note", dataType: "TEXT", nullable: true },
          ],
          rows,
          result: {
            code: 200,
            message: "Query OK!",
            latency: "1ms",
            rowCount: 40,
            rowAffect: 0,
            limit: 1000,
          },
        }),
      }),
    });
    const result = (await client.callTool({
      name: "test_endpoint",
      arguments: { dataAppId: "a", endpointId: "1" },
    })) as CallToolResult;
    expect(result.isError, textOf(result)).toBeFalsy();
    const run = result.structuredContent as {
      rows: { note: string }[];
      omittedRows: number;
      rowCount: number;
    };
    expect(run.rowCount).toBe(40);
    expect(run.rows.length).toBeGreaterThan(0);
    expect(run.rows.length + run.omittedRows).toBe(40);
    expect(run.omittedRows).toBeGreaterThan(0);
    expect(run.rows[0]?.note).toMatch(/^x{1000}… \(4000 more characters\)$/);
    expect(JSON.stringify(result).length).toBeLessThan(60_000);
    expect(textOf(result)).toContain(`${run.omittedRows} more left out`);
    expect(textOf(result)).toContain("longer than 1000 characters were cut");
  });
});

describe("deletion confirmed through elicitation", () => {
  function endpointApi(deleted: string[]): DataServiceApi {
    return scriptedApi({
      getEndpoint: async (dataAppId, endpointId) => ({
        endpointId,
        dataAppId,
        displayName: "x",
        path: "/x",
        method: "GET",
        clusterId: "1",
        sqlTemplate: "SELECT 1",
        settings: {},
        params: [],
      }),
      deleteEndpoint: async (_dataAppId, endpointId) => {
        deleted.push(endpointId);
      },
    });
  }

  it("deletes at once when the user accepts the form", async () => {
    const deleted: string[] = [];
    const asked: string[] = [];
    const client = await connect({ api: endpointApi(deleted) }, (message) => {
      asked.push(message);
      return { action: "accept", content: { confirm: true } };
    });
    const result = (await client.callTool({
      name: "delete_endpoint",
      arguments: { dataAppId: "a", endpointId: "7" },
    })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ deleted: true });
    expect(deleted).toEqual(["7"]);
    expect(asked[0]).toContain("/x");
  });

  it("keeps the target when the user declines", async () => {
    const deleted: string[] = [];
    const client = await connect({ api: endpointApi(deleted) }, () => ({ action: "decline" }));
    const result = (await client.callTool({
      name: "delete_endpoint",
      arguments: { dataAppId: "a", endpointId: "7" },
    })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ deleted: false });
    expect(textOf(result)).toContain("declined");
    expect(deleted).toEqual([]);
  });

  it("falls back to the token when the user dismisses the form", async () => {
    const deleted: string[] = [];
    const client = await connect({ api: endpointApi(deleted) }, () => ({ action: "cancel" }));
    const result = (await client.callTool({
      name: "delete_endpoint",
      arguments: { dataAppId: "a", endpointId: "7" },
    })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ deleted: false, confirmationToken: expect.any(String) });
    expect(deleted).toEqual([]);
  });
});
