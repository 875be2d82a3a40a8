#!/usr/bin/env node
// `npm run demo`: the whole authoring flow, as an assistant would drive it, against
// the embedded emulator. It spawns the MCP server over stdio exactly as Claude
// Desktop would and prints each tool call with a short view of its result.
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { DEFAULT_CLUSTER_ID } from "../emulator/index.js";

const DEFAULT_MYSQL_URL = "mysql://root@127.0.0.1:3306/dataservice_sample";
const RESULT_PREVIEW_LINES = 12;

interface ToolText {
  isError: boolean;
  text: string;
  structured: Record<string, unknown>;
}

function databaseReachable(mysqlUrl: string): Promise<boolean> {
  const url = new URL(mysqlUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 3306) });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function preview(text: string): string {
  const lines = text.split("\n");
  const shown = lines.slice(0, RESULT_PREVIEW_LINES).map((line) => `    ${line}`);
  if (lines.length > RESULT_PREVIEW_LINES)
    shown.push(`    … (${lines.length - RESULT_PREVIEW_LINES} more lines)`);
  return shown.join("\n");
}

function step(title: string): void {
  process.stdout.write(`\n▶ ${title}\n`);
}

async function main(): Promise<void> {
  const mysqlUrl = process.env.TIDB_DATASERVICE_MYSQL_URL ?? DEFAULT_MYSQL_URL;
  const withDatabase = await databaseReachable(mysqlUrl);
  const cliPath = join(dirname(fileURLToPath(import.meta.url)), "..", "cli.js");
  const serverArgs = [cliPath, "--local"];
  if (withDatabase) serverArgs.push("--mysql-url", mysqlUrl, "--seed-sample");
  else {
    process.stdout.write(
      [
        `No MySQL-compatible database answers at ${new URL(mysqlUrl).host}: the demo runs the management flow only.`,
        "To run endpoints for real, start MariaDB or MySQL (for example `apt-get install mariadb-server && mariadbd &`,",
        "or `docker run -p 3306:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb`) or set TIDB_DATASERVICE_MYSQL_URL.",
        "",
      ].join("\n"),
    );
  }

  process.stdout.write(
    `Starting the MCP server over stdio: node ${serverArgs.map((a) => a.replace(cliPath, "dist/cli.js")).join(" ")}\n`,
  );
  const transport = new StdioClientTransport({ command: process.execPath, args: serverArgs, stderr: "pipe" });
  const client = new Client({ name: "tidb-dataservice-demo", version: "1.0.0" });
  await client.connect(transport);

  const call = async (name: string, args: Record<string, unknown>, note?: string): Promise<ToolText> => {
    step(`${name} ${JSON.stringify(args)}${note ? `  — ${note}` : ""}`);
    const result = await client.callTool({ name, arguments: args });
    const content = Array.isArray(result.content) ? result.content : [];
    const text = content
      .map((item) => (item && typeof item === "object" && "text" in item ? String(item.text) : ""))
      .join("\n");
    const isError = result.isError === true;
    process.stdout.write(`${isError ? "  ✗ error (as the model sees it):" : "  ✓"}\n${preview(text)}\n`);
    return { isError, text, structured: (result.structuredContent ?? {}) as Record<string, unknown> };
  };
  const expectOk = (outcome: ToolText, what: string): void => {
    if (outcome.isError) throw new Error(`The demo stopped: ${what} failed.`);
  };

  try {
    const { tools } = await client.listTools();
    step(`tools/list: ${tools.length} tools (${tools.map((tool) => tool.name).join(", ")})`);

    const app = await call("create_data_app", {
      displayName: "shop_demo",
      description: "Orders of the sample shop",
    });
    expectOk(app, "create_data_app");
    const dataAppId = String((app.structured.dataApp as { dataAppId: string }).dataAppId);

    expectOk(
      await call("create_data_source", { dataAppId, clusterId: DEFAULT_CLUSTER_ID }),
      "create_data_source",
    );

    const path = "/customers/{customer_id}/orders";
    await call(
      "lint_sql_template",
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
        sql: "SELECT * FROM orders WHERE customer_id = '${customer_id}' ORDER BY ordered_at DESC",
        method: "GET",
        path,
      },
      "a first draft with mistakes",
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
    const sqlTemplate =
      "SELECT id, status, ordered_at, total FROM orders WHERE customer_id = ${customer_id} ORDER BY ordered_at DESC LIMIT 10";
    expectOk(
      await call("lint_sql_template", { sql: sqlTemplate, method: "GET", path }, "the fixed template"),
      "lint",
    );

    const created = await call("create_endpoint", {
      dataAppId,
      method: "GET",
      path,
      displayName: "customer_orders",
      description: "A customer's last ten orders",
      sqlTemplate,
    });
    expectOk(created, "create_endpoint");
    const endpointId = String((created.structured.endpoint as { endpointId: string }).endpointId);

    if (withDatabase) await call("test_endpoint", { dataAppId, endpointId, args: { customer_id: "42" } });

    expectOk(await call("deploy_data_app", { dataAppId, description: "First release" }), "deploy_data_app");

    const key = await call("create_api_key", { dataAppId, role: "READ_ONLY", description: "demo" });
    expectOk(key, "create_api_key");
    const apiKey = key.structured.apiKey as { publicKey: string; privateKey: string };

    if (withDatabase) {
      await call("call_endpoint", {
        dataAppId,
        method: "GET",
        path: "/customers/42/orders",
        publicKey: apiKey.publicKey,
        privateKey: apiKey.privateKey,
      });
    }

    const specUri = `tidb-dataservice://data-apps/${dataAppId}/openapi.json`;
    step(`resources/read ${specUri}`);
    const resource = await client.readResource({ uri: specUri });
    const first = resource.contents[0];
    const specText = first && "text" in first ? String(first.text) : "";
    const spec = JSON.parse(specText) as { openapi: string; paths: Record<string, unknown> };
    process.stdout.write(`  ✓ OpenAPI ${spec.openapi}, paths: ${Object.keys(spec.paths).join(", ")}\n`);

    process.stdout.write(
      `\nDone. The Data App ${dataAppId} serves GET /customers/{customer_id}/orders.\n` +
        "Connect Claude Desktop or Claude Code to the same server with `npx -y tidb-dataservice-mcp --local` (see README).\n",
    );
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
