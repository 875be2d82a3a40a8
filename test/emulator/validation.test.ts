import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID } from "../../src/emulator/index.js";
import type { DigestFetch } from "../helpers/digest-fetch.js";
import { expectMatchesSchema, expectMatchesSpec } from "../helpers/spec-validator.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

type Json = Record<string, unknown>;

const validEndpoint = {
  displayName: "list_items",
  path: "/items",
  method: "GET",
  clusterId: DEFAULT_CLUSTER_ID,
  sqlTemplate: "SELECT 1",
};

describe("validation of bad inputs", () => {
  let env: TestEmulator;
  let api: DigestFetch;
  let appId: string;
  beforeAll(async () => {
    env = await startTestEmulator({ clusters: [{ id: DEFAULT_CLUSTER_ID }, { id: "30000000000000000003" }] });
    api = env.api;
    appId = (
      await api.json("POST", "/dataApps", { body: { displayName: "v", clusterId: DEFAULT_CLUSTER_ID } })
    ).dataAppId as string;
  });
  afterAll(() => env.close());

  async function expectError(
    method: string,
    path: string,
    body: unknown,
    status: number,
    messagePattern: RegExp,
    errorStatus = status === 404 ? "NOT_FOUND" : "INVALID_ARGUMENT",
  ): Promise<Json> {
    const response = await api.request(method, path, typeof body === "string" ? { rawBody: body } : { body });
    expect(response.status, response.text).toBe(status);
    expectMatchesSchema("ErrorResponse", response.json);
    const error = response.json as Json;
    expect(error).toMatchObject({ code: status, status: errorStatus, details: [] });
    expect(error.error).toEqual(expect.stringMatching(/^[A-Z_]+$/));
    expect(error.message).toMatch(messagePattern);
    return error;
  }

  it("refuses malformed JSON, wrong types and missing fields on Data Apps", async () => {
    await expectError("POST", "/dataApps", "{not json", 400, /not valid JSON/);
    await expectError("POST", "/dataApps", [1, 2], 400, /JSON object/);
    await expectError("POST", "/dataApps", {}, 400, /displayName is required/);
    await expectError("POST", "/dataApps", { displayName: 7 }, 400, /displayName must be a string/);
    await expectError("POST", "/dataApps", { displayName: "x".repeat(33) }, 400, /at most 32/);
    await expectError(
      "POST",
      "/dataApps",
      { displayName: "ok", description: "d".repeat(1001) },
      400,
      /at most 1000/,
    );
    await expectError(
      "POST",
      "/dataApps",
      { displayName: "ok", clusterId: "999" },
      404,
      /knows the clusters/,
    );
    await expectError("PATCH", `/dataApps/${appId}`, { displayName: "" }, 400, /1 to 32|at least/);
    const error = await expectError("GET", "/dataApps/dataapp-missing1", undefined, 404, /not found/);
    expectMatchesSpec("getDataApp", 404, error);
  });

  it("refuses pageSize 0 and 101, and rateLimitRpm 0 and 1001", async () => {
    await expectError("GET", "/dataApps?pageSize=0", undefined, 400, /pageSize must be from 1 to 100/);
    await expectError("GET", "/dataApps?pageSize=101", undefined, 400, /pageSize must be from 1 to 100/);
    await expectError("GET", "/dataApps?pageSize=ten", undefined, 400, /pageSize must be an integer/);
    for (const rateLimitRpm of [0, 1001]) {
      const error = await expectError(
        "POST",
        `/dataApps/${appId}/apiKeys`,
        { role: "READ_ONLY", rateLimitRpm },
        400,
        /rateLimitRpm must be from 1 to 1000/,
      );
      expectMatchesSpec("createDataAppApiKey", 400, error);
    }
    await expectError("POST", `/dataApps/${appId}/apiKeys`, { role: "ADMIN" }, 400, /role must be one of/);
    await expectError("POST", `/dataApps/${appId}/apiKeys`, {}, 400, /role is required/);
    await expectError(
      "POST",
      `/dataApps/${appId}/apiKeys`,
      { role: "READ_ONLY", rateLimitRpm: "5" },
      400,
      /integer/,
    );
  });

  it("enforces the endpoint rules of the real service", async () => {
    const path = `/dataApps/${appId}/endpoints`;
    const cases: [Json, RegExp][] = [
      [{ ...validEndpoint, path: "items" }, /must start with '\/'/],
      [{ ...validEndpoint, path: "/" }, /2 to 64/],
      [{ ...validEndpoint, path: `/${"a".repeat(64)}` }, /2 to 64/],
      [{ ...validEndpoint, path: "/items/" }, /empty segment/],
      [{ ...validEndpoint, path: "/it-ems" }, /segment 'it-ems' is invalid/],
      [{ ...validEndpoint, path: "/var{id}" }, /whole-segment parameter/],
      [{ ...validEndpoint, path: "/users/{id}" }, /Add \{"name": "id", "type": "STRING"\}/],
      [
        { ...validEndpoint, path: "/users/{id}", params: [{ name: "id", type: "BOOLEAN" }] },
        /must be STRING or INTEGER/,
      ],
      [{ ...validEndpoint, params: [{ name: "page", type: "STRING" }] }, /reserved for pagination/],
      [{ ...validEndpoint, params: [{ name: "1abc", type: "STRING" }] }, /invalid/],
      [
        {
          ...validEndpoint,
          params: [
            { name: "a", type: "STRING" },
            { name: "a", type: "INTEGER" },
          ],
        },
        /declared twice/,
      ],
      [{ ...validEndpoint, params: [{ name: "a", type: "DATE" }] }, /type must be one of/],
      [{ ...validEndpoint, params: [{ name: "a" }] }, /type must be one of .*, got nothing\.$/],
      [
        { ...validEndpoint, params: [{ name: "a", type: "BOOLEAN", enum: "true,false" }] },
        /enum is only allowed/,
      ],
      [{ ...validEndpoint, params: [{ name: "a", type: "INTEGER", defaultValue: "x" }] }, /not a INTEGER/],
      [
        { ...validEndpoint, params: [{ name: "a", type: "INTEGER", enum: "1,2", defaultValue: "3" }] },
        /enum values/,
      ],
      [
        {
          ...validEndpoint,
          params: [{ name: "a", type: "ARRAY", itemType: "INTEGER", defaultValue: "1,x" }],
        },
        /comma-separated list of INTEGER/,
      ],
      [{ ...validEndpoint, params: [{ name: "a", type: "STRING", itemType: "STRING" }] }, /only to ARRAY/],
      [
        { ...validEndpoint, displayName: "has space" },
        /Use only letters, digits, '_', '-', '\/', '\[' and '\]'/,
      ],
      [{ ...validEndpoint, displayName: "x".repeat(33) }, /1 to 32/],
      [{ ...validEndpoint, description: "d".repeat(2001) }, /at most 2000/],
      [{ ...validEndpoint, method: "PATCH" }, /method must be one of/],
      [{ ...validEndpoint, settings: { timeout: 0 } }, /settings.timeout must be from 1 to 60000/],
      [{ ...validEndpoint, settings: { timeout: 60001 } }, /settings.timeout must be from 1 to 60000/],
      [{ ...validEndpoint, settings: { rowLimit: 2001 } }, /settings.rowLimit must be from 1 to 2000/],
      [{ ...validEndpoint, settings: { cacheTtl: 29 } }, /settings.cacheTtl must be from 30 to 600/],
      [{ ...validEndpoint, settings: { timeout: "5" } }, /must be an integer/],
      [{ ...validEndpoint, method: "POST", settings: { cacheEnabled: true } }, /only available for GET/],
      [{ ...validEndpoint, method: "PUT", settings: { paginationEnabled: true } }, /only available for GET/],
      [{ ...validEndpoint, batchOperation: true }, /only available for POST and PUT/],
      [
        { ...validEndpoint, method: "POST", batchOperation: true, settings: { rowLimit: 101 } },
        /at most 100 with batchOperation/,
      ],
      [{ ...validEndpoint, clusterId: "30000000000000000003" }, /not linked to this Data App/],
      [{ ...validEndpoint, clusterId: Number("30000000000000000003") }, /must be a string/],
      [{ displayName: "x" }, /Missing required field\(s\): path, method, clusterId, sqlTemplate/],
      [{ ...validEndpoint, sqlTemplate: "  " }, /must not be empty/],
    ];
    for (const [body, pattern] of cases) {
      const error = await expectError("POST", path, body, 400, pattern);
      expectMatchesSpec("createEndpoint", 400, error);
    }
    // Nothing was half-applied.
    expect((await api.json("GET", path)).endpoints).toEqual([]);
  });

  it("keeps (method, path) unique, treating {a} and {b} as the same route", async () => {
    const path = `/dataApps/${appId}/endpoints`;
    const first = await api.json("POST", path, {
      body: { ...validEndpoint, path: "/var/{a}", params: [{ name: "a", type: "STRING" }] },
    });
    await expectError(
      "POST",
      path,
      { ...validEndpoint, path: "/var/{b}", params: [{ name: "b", type: "INTEGER" }] },
      400,
      /already exists/,
      "ALREADY_EXISTS",
    );
    // A literal segment does not conflict with a parameter, and another method is another route.
    await api.json("POST", path, { body: { ...validEndpoint, path: "/var/a1" } });
    await api.json("POST", path, {
      body: { ...validEndpoint, method: "DELETE", path: "/var/{a}", params: [{ name: "a", type: "STRING" }] },
    });
    const other = await api.json("POST", path, { body: { ...validEndpoint, path: "/other" } });
    await expectError(
      "PATCH",
      `${path}/${other.endpointId}`,
      { path: "/var/{c}", params: [{ name: "c", type: "STRING" }] },
      400,
      /already exists/,
      "ALREADY_EXISTS",
    );
    // An update is re-validated as a whole and applies nothing when it fails.
    await expectError(
      "PATCH",
      `${path}/${first.endpointId}`,
      { path: "/var/{renamed}" },
      400,
      /no declared parameter/,
    );
    expect(await api.json("GET", `${path}/${first.endpointId}`)).toMatchObject({ path: "/var/{a}" });
    await expectError("PATCH", `${path}/999999`, { description: "x" }, 404, /not found/);
  });

  it("answers 404 for unknown routes, 405 for wrong methods and 413 for huge bodies", async () => {
    const unknown = await expectError("GET", "/nothing/here", undefined, 404, /No operation/);
    expect(unknown.error).toBe("ROUTE_NOT_FOUND");
    const wrongMethod = await api.request("PUT", "/dataApps");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
    expectMatchesSchema("ErrorResponse", wrongMethod.json);
    const huge = await api.request("POST", "/dataApps", {
      body: { displayName: "big", description: "x".repeat(1024 * 1024 + 10) },
    });
    expect(huge.status).toBe(413);
    expectMatchesSchema("ErrorResponse", huge.json);
    // The connection still works afterwards.
    expect((await api.request("GET", "/dataApps")).status).toBe(200);
    const outside = await fetch(`${env.origin}/elsewhere`);
    expect(outside.status).toBe(404);
  });

  it("refuses data sources for unknown or already linked clusters", async () => {
    await expectError(
      "POST",
      `/dataApps/${appId}/dataSources`,
      { clusterId: "12345" },
      404,
      /knows the clusters/,
    );
    await expectError(
      "POST",
      `/dataApps/${appId}/dataSources`,
      { clusterId: DEFAULT_CLUSTER_ID },
      400,
      /already linked/,
      "ALREADY_EXISTS",
    );
    await expectError("POST", `/dataApps/${appId}/dataSources`, {}, 400, /clusterId is required/);
  });
});
