// biome-ignore-all lint/suspicious/noTemplateCurlyInString: SQL templates use ${name} placeholders
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedEmulator, spawnEmulator } from "../helpers/spawn-emulator.js";
import {
  type Connected,
  call,
  connectServer,
  controlUrl,
  emulatorEnv,
  fails,
  ok,
  ROOT,
  textOf,
} from "./mcp-harness.js";

type Obj = Record<string, unknown>;

let emulator: SpawnedEmulator;
let server: Connected;
let client: Client;
let clusterId: string;

beforeAll(async () => {
  emulator = await spawnEmulator(["--rate-limit-rpm", "100000", "--allow-fault-injection"]);
  clusterId = emulator.info.clusters[0]!;
  server = await connectServer([], emulatorEnv(emulator.info));
  client = server.client;
});

afterAll(async () => {
  await server?.close();
  await emulator?.stop();
});

async function createApp(name: string): Promise<string> {
  const { dataApp } = await ok<{ dataApp: Obj }>(client, "create_data_app", { displayName: name, clusterId });
  return String(dataApp.dataAppId);
}

describe("tools/list over stdio", () => {
  it("offers every tool with a title, the four hints and an output schema", async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBe(26);
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual(
        ["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint"].sort(),
      );
      expect(tool.outputSchema, tool.name).toBeTruthy();
    }
    const snapshot = JSON.parse(
      readFileSync(join(ROOT, "test/mcp/__snapshots__/tools-list.json"), "utf8"),
    ) as {
      allEnabled: unknown[];
    };
    expect(tools).toEqual(snapshot.allEnabled);
    const instructions = client.getInstructions() ?? "";
    expect(instructions).toContain("two-step");
  });
});

describe("Data Apps, data sources, keys and deployments", () => {
  it("creates, reads, updates and lists a Data App", async () => {
    const dataAppId = await createApp("e2e_apps");
    const { dataApp } = await ok<{ dataApp: Obj }>(client, "get_data_app", { dataAppId });
    expect(dataApp.displayName).toBe("e2e_apps");
    const updated = await ok<{ dataApp: Obj }>(client, "update_data_app", {
      dataAppId,
      description: "changed",
    });
    expect(updated.dataApp.description).toBe("changed");
    const page = await ok<{ items: Obj[] }>(client, "list_data_apps", { pageSize: 100 });
    expect(page.items.map((app) => app.dataAppId)).toContain(dataAppId);
  });

  it("paginates lists with the page token", async () => {
    await createApp("e2e_page_a");
    await createApp("e2e_page_b");
    const first = await ok<{ items: Obj[]; nextPageToken?: string }>(client, "list_data_apps", {
      pageSize: 1,
    });
    expect(first.items).toHaveLength(1);
    expect(first.nextPageToken).toBeTruthy();
    const second = await ok<{ items: Obj[] }>(client, "list_data_apps", {
      pageSize: 1,
      pageToken: first.nextPageToken,
    });
    expect(second.items[0]?.dataAppId).not.toBe(first.items[0]?.dataAppId);
  });

  it("links, reads and (two-step) unlinks a data source, naming the endpoints that use it", async () => {
    const { dataApp } = await ok<{ dataApp: Obj }>(client, "create_data_app", { displayName: "e2e_sources" });
    const dataAppId = String(dataApp.dataAppId);
    await ok(client, "create_data_source", { dataAppId, clusterId });
    const { items } = await ok<{ items: Obj[] }>(client, "list_data_sources", { dataAppId });
    expect(items.map((source) => source.clusterId)).toEqual([clusterId]);
    const { dataSource } = await ok<{ dataSource: Obj }>(client, "get_data_source", { dataAppId, clusterId });
    expect(dataSource.clusterId).toBe(clusterId);
    await ok(client, "create_endpoint", {
      dataAppId,
      path: "/uses_source",
      method: "GET",
      sqlTemplate: "SELECT 1 AS one LIMIT 1",
    });

    const plan = await ok<{ deleted: boolean; plan: Obj; confirmationToken: string }>(
      client,
      "delete_data_source",
      {
        dataAppId,
        clusterId,
      },
    );
    expect(plan.deleted).toBe(false);
    expect(JSON.stringify(plan.plan.endpointsUsingIt)).toContain("/uses_source");
    const stillThere = await ok<{ items: Obj[] }>(client, "list_data_sources", { dataAppId });
    expect(stillThere.items).toHaveLength(1);
    const done = await ok<{ deleted: boolean }>(client, "delete_data_source", {
      dataAppId,
      clusterId,
      confirmationToken: plan.confirmationToken,
    });
    expect(done.deleted).toBe(true);
    expect((await ok<{ items: Obj[] }>(client, "list_data_sources", { dataAppId })).items).toHaveLength(0);
  });

  it("returns a new key's private key once and only masked afterwards", async () => {
    const dataAppId = await createApp("e2e_keys");
    const created = await call(client, "create_api_key", { dataAppId, role: "READ_ONLY", description: "ci" });
    expect(created.isError).toBeFalsy();
    const apiKey = (created.structuredContent as { apiKey: Obj }).apiKey;
    const privateKey = String(apiKey.privateKey);
    expect(privateKey.length).toBeGreaterThan(8);
    expect(textOf(created)).toContain("SECRET");
    expect(textOf(created)).toContain(privateKey);
    const apiKeyId = String(apiKey.apiKeyId);

    const listed = await call(client, "list_api_keys", { dataAppId });
    const got = await call(client, "get_api_key", { dataAppId, apiKeyId });
    for (const result of [listed, got]) {
      const everything = JSON.stringify(result);
      expect(everything).not.toContain(privateKey);
      expect(everything).toContain(privateKey.slice(-4));
    }
    const updated = await ok<{ apiKey: Obj }>(client, "update_api_key", {
      dataAppId,
      apiKeyId,
      rateLimitRpm: 50,
    });
    expect(updated.apiKey.rateLimitRpm).toBe(50);
    expect(JSON.stringify(updated)).not.toContain(privateKey);
    expect(server.stderr()).not.toContain(privateKey);

    const plan = await ok<{ confirmationToken: string }>(client, "delete_api_key", { dataAppId, apiKeyId });
    await ok(client, "delete_api_key", { dataAppId, apiKeyId, confirmationToken: plan.confirmationToken });
    expect(await fails(client, "get_api_key", { dataAppId, apiKeyId })).toContain("list_api_keys");
  });

  it("deploys with progress notifications and returns what was deployed", async () => {
    const dataAppId = await createApp("e2e_deploy");
    await ok(client, "create_endpoint", {
      dataAppId,
      path: "/ping",
      method: "GET",
      sqlTemplate: "SELECT 1 AS one LIMIT 1",
    });
    const progress: { progress: number; message?: string }[] = [];
    const result = await call(client, "deploy_data_app", { dataAppId, description: "first" }, (p) =>
      progress.push(p),
    );
    expect(result.isError, textOf(result)).toBeFalsy();
    const { deployment, finished } = result.structuredContent as { deployment: Obj; finished: boolean };
    expect(finished).toBe(true);
    expect(deployment.status).toBe("SUCCEEDED");
    expect(JSON.stringify(deployment.endpoints)).toContain("/ping");
    // Over stdio the SDK client drops a progress notification that reaches it in the same
    // read as the response, so the last one may be lost on a loaded machine; the in-memory
    // test checks that it is sent.
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (const p of progress) expect(p.message).toMatch(/^Deployment \S+: (PENDING|RUNNING|SUCCEEDED)$/);

    const history = await ok<{ items: Obj[] }>(client, "list_deployments", { dataAppId });
    expect(history.items.map((d) => d.deploymentId)).toContain(deployment.deploymentId);
    const one = await ok<{ deployment: Obj }>(client, "get_deployment", {
      dataAppId,
      deploymentId: deployment.deploymentId,
    });
    expect(one.deployment.status).toBe("SUCCEEDED");

    const json = await ok<{ content: string }>(client, "get_api_spec", { dataAppId, format: "json" });
    expect(JSON.parse(json.content).openapi).toMatch(/^3\./);
    expect(json.content).toContain("/ping");
    const yaml = await ok<{ content: string }>(client, "get_api_spec", { dataAppId, format: "yaml" });
    expect(yaml.content).toMatch(/openapi: ["']?3\./);
  });
});

describe("endpoints", () => {
  it("lints before creating: errors block, undeclared params are filled, warnings come back", async () => {
    const dataAppId = await createApp("e2e_endpoints");
    const blocked = await fails(client, "create_endpoint", {
      dataAppId,
      path: "/by_name",
      method: "GET",
      sqlTemplate: "SELECT id FROM customers WHERE name = '${name}' LIMIT 10",
    });
    expect(blocked).toContain("nothing was sent");
    expect(blocked).toMatch(/1:\d+/);
    expect((await ok<{ items: Obj[] }>(client, "list_endpoints", { dataAppId })).items).toHaveLength(0);

    const created = await ok<{ endpoint: Obj; lint: Obj[] }>(client, "create_endpoint", {
      dataAppId,
      path: "/customers/{id}",
      method: "GET",
      sqlTemplate: "SELECT * FROM customers WHERE id = ${id} AND country IN (${countries})",
      params: [{ name: "countries", type: "ARRAY", itemType: "STRING" }],
    });
    const params = created.endpoint.params as Obj[];
    expect(params).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "countries", type: "ARRAY", itemType: "STRING" }),
        expect.objectContaining({ name: "id", required: true }),
      ]),
    );
    expect(created.lint.some((d) => d.severity === "warning")).toBe(true);
    expect(created.endpoint.displayName).toBe("/customers/[id]");
    const endpointId = String(created.endpoint.endpointId);

    const listed = await ok<{ items: Obj[] }>(client, "list_endpoints", { dataAppId });
    expect(listed.items[0]).not.toHaveProperty("sqlTemplate");
    const { endpoint } = await ok<{ endpoint: Obj }>(client, "get_endpoint", { dataAppId, endpointId });
    expect(endpoint.sqlTemplate).toContain("${countries}");

    const updated = await ok<{ endpoint: Obj }>(client, "update_endpoint", {
      dataAppId,
      endpointId,
      sqlTemplate: "SELECT id, name FROM customers WHERE id = ${id} LIMIT ${n}",
    });
    expect((updated.endpoint.params as Obj[]).map((p) => p.name)).toEqual(
      expect.arrayContaining(["id", "n"]),
    );
    const bad = await fails(client, "update_endpoint", {
      dataAppId,
      endpointId,
      sqlTemplate: "SELECT id FROM ${table} LIMIT 1",
    });
    expect(bad).toContain("nothing was sent");
    expect(
      String(
        (await ok<{ endpoint: Obj }>(client, "get_endpoint", { dataAppId, endpointId })).endpoint.sqlTemplate,
      ),
    ).toContain("LIMIT ${n}");
  });

  it("lints a template without touching the service", async () => {
    const result = await ok<{ ok: boolean; params: Obj[]; statements: string[] }>(
      client,
      "lint_sql_template",
      {
        sql: "SELECT id FROM orders WHERE total > ${min_total} LIMIT ${n}",
        method: "GET",
        path: "/orders",
      },
    );
    expect(result.ok).toBe(true);
    expect(result.statements).toEqual(["select"]);
    expect(result.params).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "n", type: "INTEGER" })]),
    );
    const bad = await ok<{ ok: boolean; diagnostics: Obj[] }>(client, "lint_sql_template", {
      sql: "DELETE FROM orders",
      method: "DELETE",
      path: "/orders",
    });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it("deletes in two steps and refuses a stale token with the new plan", async () => {
    const dataAppId = await createApp("e2e_delete_ep");
    const { endpoint } = await ok<{ endpoint: Obj }>(client, "create_endpoint", {
      dataAppId,
      path: "/doomed",
      method: "GET",
      sqlTemplate: "SELECT 1 AS one LIMIT 1",
    });
    const endpointId = String(endpoint.endpointId);
    const first = await ok<{ deleted: boolean; plan: Obj; confirmationToken: string }>(
      client,
      "delete_endpoint",
      {
        dataAppId,
        endpointId,
      },
    );
    expect(first.deleted).toBe(false);
    expect(JSON.stringify(first.plan)).toContain("/doomed");

    await ok(client, "update_endpoint", { dataAppId, endpointId, description: "changed after the plan" });
    const stale = await fails(client, "delete_endpoint", {
      dataAppId,
      endpointId,
      confirmationToken: first.confirmationToken,
    });
    expect(stale).toContain("Nothing was deleted");
    const newToken = /confirmationToken "([^"]+)"/.exec(stale)?.[1];
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(first.confirmationToken);
    await ok(client, "get_endpoint", { dataAppId, endpointId });

    const done = await ok<{ deleted: boolean }>(client, "delete_endpoint", {
      dataAppId,
      endpointId,
      confirmationToken: newToken,
    });
    expect(done.deleted).toBe(true);
    expect(await fails(client, "get_endpoint", { dataAppId, endpointId })).toContain("list_endpoints");
  });

  it("deletes a Data App in two steps, listing its endpoints and keys", async () => {
    const dataAppId = await createApp("e2e_delete_app");
    await ok(client, "create_endpoint", {
      dataAppId,
      path: "/a",
      method: "GET",
      sqlTemplate: "SELECT 1 AS one LIMIT 1",
    });
    await ok(client, "create_api_key", { dataAppId, role: "READ_ONLY" });
    const first = await ok<{ plan: Obj; confirmationToken: string }>(client, "delete_data_app", {
      dataAppId,
    });
    expect(first.plan.endpoints).toHaveLength(1);
    expect(first.plan.apiKeys).toHaveLength(1);
    expect(
      await fails(client, "delete_data_app", { dataAppId, confirmationToken: "confirm-wrong" }),
    ).toContain("Nothing was deleted");
    await ok(client, "delete_data_app", { dataAppId, confirmationToken: first.confirmationToken });
    expect(await fails(client, "get_data_app", { dataAppId })).toContain("list_data_apps");
  });
});

describe("errors a model can act on", () => {
  it("names the id and the listing tool on 404", async () => {
    const text = await fails(client, "get_data_app", { dataAppId: "dataapp-NoSuch01" });
    expect(text).toContain("404");
    expect(text).toContain("dataapp-NoSuch01");
    expect(text).toContain("list_data_apps");
  });

  it("names the field and the rule on a 400 from the service", async () => {
    const dataAppId = await createApp("e2e_400");
    const text = await fails(client, "create_endpoint", {
      dataAppId,
      path: "/named",
      method: "GET",
      sqlTemplate: "SELECT 1 AS one LIMIT 1",
      displayName: "has spaces",
    });
    expect(text).toContain("400");
    expect(text).toContain("displayName");
    expect(text).toContain("not allowed");
  });

  it("names the field on invalid arguments", async () => {
    const text = await fails(client, "create_api_key", { dataAppId: "x", rateLimitRpm: 5000 });
    expect(text).toContain("rateLimitRpm");
  });

  it("says when to retry after a 429 that outlasted the retries", async () => {
    await fetch(controlUrl(emulator.info, "/_emulator/faults"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 20, status: 429, match: { pathPrefix: "/v1beta1/dataApps" } }),
    });
    // Its own server: a client that met a 429 holds all its calls until the limit resets.
    const limited = await connectServer([], {
      ...emulatorEnv(emulator.info),
      TIDB_DATASERVICE_MAX_RATE_LIMIT_WAIT_MS: "1000",
    });
    try {
      const text = await fails(limited.client, "list_data_apps", {});
      expect(text).toContain("429");
      expect(text).toMatch(/Wait \d+ seconds/);
    } finally {
      await fetch(controlUrl(emulator.info, "/_emulator/faults"), { method: "DELETE" });
      await limited.close();
    }
  });

  it("names the credential variables when the key is wrong", async () => {
    const wrong = await connectServer([], {
      ...emulatorEnv(emulator.info),
      TIDB_CLOUD_PRIVATE_KEY: "not-the-key",
    });
    try {
      const text = await fails(wrong.client, "list_data_apps", {});
      expect(text).toContain("401");
      expect(text).toContain("TIDB_CLOUD_PRIVATE_KEY");
      expect(wrong.stderr()).not.toContain("not-the-key");
    } finally {
      await wrong.close();
    }
  });
});

describe("read-only mode and scoping", () => {
  it("lists only reading tools and refuses a mutating call", async () => {
    const readOnly = await connectServer(["--read-only"], emulatorEnv(emulator.info));
    try {
      const { tools } = await readOnly.client.listTools();
      expect(tools.length).toBeGreaterThan(5);
      for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      const text = await fails(readOnly.client, "create_data_app", { displayName: "nope" });
      expect(text).toContain("--read-only");
      const names = (await ok<{ items: Obj[] }>(client, "list_data_apps", { pageSize: 100 })).items.map(
        (a) => a.displayName,
      );
      expect(names).not.toContain("nope");
    } finally {
      await readOnly.close();
    }
  });

  it("injects the scoped Data App and hides dataAppId", async () => {
    const dataAppId = await createApp("e2e_scoped");
    await ok(client, "create_endpoint", {
      dataAppId,
      path: "/s",
      method: "GET",
      sqlTemplate: "SELECT 1 AS one LIMIT 1",
    });
    const scoped = await connectServer(
      ["--data-app", dataAppId, "--features", "apps,endpoints"],
      emulatorEnv(emulator.info),
    );
    try {
      const { tools } = await scoped.client.listTools();
      for (const tool of tools)
        expect(tool.inputSchema.properties ?? {}, tool.name).not.toHaveProperty("dataAppId");
      expect(tools.map((t) => t.name)).not.toContain("list_data_apps");
      expect(tools.map((t) => t.name)).not.toContain("create_api_key");
      const { dataApp } = await ok<{ dataApp: Obj }>(scoped.client, "get_data_app", {});
      expect(dataApp.dataAppId).toBe(dataAppId);
      const { items } = await ok<{ items: Obj[] }>(scoped.client, "list_endpoints", {});
      expect(items.map((e) => e.path)).toEqual(["/s"]);
      expect(await fails(scoped.client, "list_api_keys", {})).toContain("feature group");
      const { resources } = await scoped.client.listResources();
      const appUris = resources
        .map((r) => r.uri)
        .filter((uri) => uri.startsWith("tidb-dataservice://data-apps/"));
      expect(appUris).toEqual([`tidb-dataservice://data-apps/${dataAppId}`]);
    } finally {
      await scoped.close();
    }
  });
});

describe("scoped to a Data App that does not exist", () => {
  it("blames --data-app instead of a list tool the model cannot call", async () => {
    const scoped = await connectServer(["--data-app", "dataapp-Missing1"], emulatorEnv(emulator.info));
    try {
      const text = await fails(scoped.client, "get_data_app", {});
      expect(text).toContain("404");
      expect(text).toContain("--data-app");
      expect(text).not.toContain("list_data_apps");
      await expect(scoped.client.readResource({ uri: "tidb-dataservice://data-apps" })).rejects.toThrow(
        /--data-app/,
      );
    } finally {
      await scoped.close();
    }
  });
});

describe("resources, completion and the prompt", () => {
  it("lists and reads apps, one app with its parts, and its OpenAPI spec", async () => {
    const dataAppId = await createApp("e2e_resources");
    await ok(client, "create_endpoint", {
      dataAppId,
      path: "/r",
      method: "GET",
      sqlTemplate: "SELECT 1 AS one LIMIT 1",
    });
    await ok(client, "deploy_data_app", { dataAppId });

    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining(["tidb-dataservice://data-apps", `tidb-dataservice://data-apps/${dataAppId}`]),
    );
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      "tidb-dataservice://data-apps/{dataAppId}",
      "tidb-dataservice://data-apps/{dataAppId}/openapi.json",
      "tidb-dataservice://data-apps/{dataAppId}/openapi.yaml",
    ]);

    const apps = await client.readResource({ uri: "tidb-dataservice://data-apps" });
    expect(JSON.stringify(apps.contents)).toContain(dataAppId);
    const one = await client.readResource({ uri: `tidb-dataservice://data-apps/${dataAppId}` });
    const view = JSON.parse(String((one.contents[0] as { text: string }).text)) as Obj;
    expect((view.dataApp as Obj).dataAppId).toBe(dataAppId);
    expect(view.dataSources).toHaveLength(1);
    expect(JSON.stringify(view.endpoints)).toContain("/r");
    expect((view.latestDeployment as Obj).status).toBe("SUCCEEDED");

    const json = await client.readResource({ uri: `tidb-dataservice://data-apps/${dataAppId}/openapi.json` });
    expect(JSON.parse(String((json.contents[0] as { text: string }).text)).paths).toHaveProperty("/r");
    const yaml = await client.readResource({ uri: `tidb-dataservice://data-apps/${dataAppId}/openapi.yaml` });
    expect(String((yaml.contents[0] as { text: string }).text)).toContain("/r:");
    await expect(
      client.readResource({ uri: "tidb-dataservice://data-apps/dataapp-NoSuch01" }),
    ).rejects.toThrow(/list_data_apps/);

    const completion = await client.complete({
      ref: { type: "ref/resource", uri: "tidb-dataservice://data-apps/{dataAppId}" },
      argument: { name: "dataAppId", value: dataAppId.slice(0, 10) },
    });
    expect(completion.completion.values).toContain(dataAppId);
  });

  it("offers the author_endpoint prompt with completion for dataAppId", async () => {
    const dataAppId = await createApp("e2e_prompt");
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["author_endpoint"]);
    const prompt = await client.getPrompt({
      name: "author_endpoint",
      arguments: { request: "top 10 customers by revenue", dataAppId },
    });
    const text = JSON.stringify(prompt.messages);
    expect(text).toContain("top 10 customers by revenue");
    expect(text).toContain(dataAppId);
    expect(text).toContain("lint_sql_template");
    expect(text).toContain("deploy_data_app");
    const completion = await client.complete({
      ref: { type: "ref/prompt", name: "author_endpoint" },
      argument: { name: "dataAppId", value: "dataapp-" },
    });
    expect(completion.completion.values).toContain(dataAppId);
  });
});
