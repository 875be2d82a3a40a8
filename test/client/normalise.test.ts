import { describe, expect, it } from "vitest";
import { DataServiceError } from "../../src/client/errors.js";
import {
  normaliseApiKey,
  normaliseDataApp,
  normaliseDataSource,
  normaliseDeployment,
  normaliseEndpoint,
  normalisePage,
  normaliseRunResult,
} from "../../src/client/normalise.js";

describe("normalisers map both spellings onto one model", () => {
  it("Data App: createTime or createdAt, extras pass through", () => {
    const spec = normaliseDataApp({ dataAppId: "a", displayName: "A", createTime: "t1", updateTime: "t2" });
    const official = normaliseDataApp({
      dataAppId: "a",
      displayName: "A",
      createdAt: "t1",
      updatedAt: "t2",
      appType: "DATAAPP",
    });
    expect(spec).toMatchObject({ dataAppId: "a", displayName: "A", createTime: "t1", updateTime: "t2" });
    expect(official).toMatchObject({
      dataAppId: "a",
      createTime: "t1",
      updateTime: "t2",
      appType: "DATAAPP",
    });
    expect(official).not.toHaveProperty("createdAt");
  });

  it("data source: clusterDisplay as clusterName", () => {
    expect(normaliseDataSource({ clusterId: "1", clusterDisplay: "Cluster0", createdAt: "t" })).toMatchObject(
      {
        clusterId: "1",
        clusterName: "Cluster0",
        createTime: "t",
      },
    );
  });

  it("endpoint: official lowercase types, bool, ids from the resource name", () => {
    const endpoint = normaliseEndpoint({
      name: "dataApps/dataapp-x/endpoints/1874778",
      displayName: "e",
      path: "/users",
      method: "get",
      clusterId: "1",
      sqlTemplate: "SELECT 1",
      params: [
        { name: "flag", type: "bool", required: 1 },
        { name: "ids", type: "array", itemType: "integer" },
        { name: "n", type: "number", itemType: "" },
      ],
      status: "Deployed",
      createdAt: "t",
    });
    expect(endpoint).toMatchObject({
      endpointId: "1874778",
      dataAppId: "dataapp-x",
      method: "GET",
      status: "deployed",
      createTime: "t",
      settings: {},
      params: [
        { name: "flag", type: "BOOLEAN", required: true },
        { name: "ids", type: "ARRAY", itemType: "INTEGER" },
        { name: "n", type: "NUMBER" },
      ],
    });
    expect(endpoint.params[2]).not.toHaveProperty("itemType");
  });

  it("endpoint: the emulator's spelling with endpointId, and the caller's dataAppId as a fallback", () => {
    const endpoint = normaliseEndpoint(
      {
        endpointId: "7",
        displayName: "e",
        path: "/p",
        method: "POST",
        clusterId: "1",
        sqlTemplate: "s",
        params: [{ name: "a", type: "STRING" }],
      },
      "app-from-call",
    );
    expect(endpoint.endpointId).toBe("7");
    expect(endpoint.dataAppId).toBe("app-from-call");
  });

  it("endpoint: an unknown param type is an invalid_response error that says where", () => {
    try {
      normaliseEndpoint({
        endpointId: "7",
        path: "/p",
        method: "GET",
        params: [{ name: "a", type: "blob" }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataServiceError);
      expect((error as DataServiceError).kind).toBe("invalid_response");
      expect((error as DataServiceError).message).toContain("params.0.type");
    }
  });

  it("API key: full private key only when unmasked, masked one as maskedPrivateKey", () => {
    const created = normaliseApiKey({
      apiKeyId: 100000,
      publicKey: "P",
      privateKey: "secret-uuid",
      role: "READ_ONLY",
      rateLimitRpm: 100,
    });
    expect(created).toMatchObject({ apiKeyId: "100000", privateKey: "secret-uuid" });
    expect(created).not.toHaveProperty("maskedPrivateKey");
    const later = normaliseApiKey({
      apiKeyId: "1",
      publicKey: "P",
      privateKey: "****abcd",
      role: "read_and_write",
      createdAt: "t",
    });
    expect(later).toMatchObject({
      maskedPrivateKey: "****abcd",
      role: "READ_AND_WRITE",
      rateLimitRpm: 100,
      createTime: "t",
    });
    expect(later).not.toHaveProperty("privateKey");
  });

  it("deployment: success/failed and finishedAt", () => {
    expect(
      normaliseDeployment({ deploymentId: "5", status: "success", finishedAt: "f", createdAt: "c" }, "app"),
    ).toMatchObject({
      deploymentId: "5",
      dataAppId: "app",
      status: "SUCCEEDED",
      finishTime: "f",
      createTime: "c",
    });
    expect(
      normaliseDeployment({ deploymentId: "5", status: "failed", statusErrorMessage: "boom" }).status,
    ).toBe("FAILED");
    expect(
      normaliseDeployment({ deploymentId: "5", status: "RUNNING", name: "dataApps/x/deployments/5" })
        .dataAppId,
    ).toBe("x");
  });

  it("pages: items under their key, empty token means last page", () => {
    expect(
      normalisePage({ dataApps: [{ dataAppId: "a" }], nextPageToken: "" }, "dataApps", normaliseDataApp),
    ).toEqual({
      items: [expect.objectContaining({ dataAppId: "a" })],
    });
    expect(normalisePage({ nextPageToken: "t2" }, "dataApps", normaliseDataApp)).toEqual({
      items: [],
      nextPageToken: "t2",
    });
  });

  it("run result: management test call (camelCase, rows as items)", () => {
    const result = normaliseRunResult({
      type: "sql_endpoint",
      data: {
        columns: [{ col: "id", dataType: "BIGINT", nullable: false }],
        rows: [{ items: { id: "1" } }, { items: { id: null } }],
        result: {
          code: 200,
          message: "Query OK!",
          startMs: "1",
          endMs: "3",
          latency: "2ms",
          rowCount: 2,
          rowAffect: 0,
          limit: 50,
        },
      },
    });
    expect(result).toEqual({
      type: "sql_endpoint",
      columns: [{ name: "id", dataType: "BIGINT", nullable: false }],
      rows: [{ id: "1" }, { id: null }],
      result: {
        code: 200,
        message: "Query OK!",
        latency: "2ms",
        rowCount: 2,
        rowAffect: 0,
        limit: 50,
        startMs: 1,
        endMs: 3,
      },
    });
  });

  it("run result: data API (snake_case, plain rows, numbers as strings)", () => {
    const result = normaliseRunResult({
      type: "sql_endpoint",
      data: {
        columns: [{ col: "n", data_type: "INT", nullable: true }],
        rows: [{ n: "5", ok: true, m: 7 }],
        result: {
          code: 200,
          message: "ok",
          start_ms: 10,
          end_ms: 12,
          latency: "2ms",
          row_count: 1,
          row_affect: 0,
          limit: 100,
        },
      },
    });
    expect(result.columns).toEqual([{ name: "n", dataType: "INT", nullable: true }]);
    expect(result.rows).toEqual([{ n: "5", ok: "true", m: "7" }]);
    expect(result.result).toMatchObject({ rowCount: 1, startMs: 10, endMs: 12, limit: 100 });
  });

  it("run result: a data API error envelope, with empty strings where numbers are unknown", () => {
    const result = normaliseRunResult({
      type: "sql_endpoint",
      data: {
        columns: [],
        rows: [],
        result: {
          code: 400,
          message: "param check failed! id: want INTEGER",
          start_ms: "",
          end_ms: "",
          latency: "",
          row_count: 0,
          row_affect: 0,
          limit: 0,
        },
      },
    });
    expect(result.result).toMatchObject({ code: 400, message: "param check failed! id: want INTEGER" });
    expect(result.result.startMs).toBeUndefined();
    expect(result.result.endMs).toBeUndefined();
  });
});
