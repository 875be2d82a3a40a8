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
// Lint findings are what the lint steps are there to show, so they are printed whole.
const LINT_PREVIEW_LINES = 60;

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

/** The URL as it may be printed: a password in it is masked. */
function printableUrl(mysqlUrl: string): string {
  const url = new URL(mysqlUrl);
  if (url.password) url.password = "****";
  return url.toString();
}

function preview(text: string, maxLines: number): string {
  const lines = text.split("\n");
  const shown = lines.slice(0, maxLines).map((line) => `    ${line}`);
  const hidden = lines.length - maxLines;
  if (hidden > 0) shown.push(`    … (${hidden} more ${hidden === 1 ? "line" : "lines"})`);
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

  const shownArgs = serverArgs.map((arg) =>
    arg === cliPath ? "dist/cli.js" : arg === mysqlUrl ? printableUrl(mysqlUrl) : arg,
  );
  process.stdout.write(`Starting the MCP server over stdio: node ${shownArgs.join(" ")}\n`);
  const transport = new StdioClientTransport({ command: process.execPath, args: serverArgs, stderr: "pipe" });
  // Kept so a server that dies says why; read continuously so a chatty server never blocks on a full pipe.
  let serverStderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    serverStderr = (serverStderr + chunk.toString("utf8")).slice(-4000);
  });
  const client = new Client({ name: "tidb-dataservice-demo", version: "1.0.0" });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(
      `The MCP server did not start (${error instanceof Error ? error.message : String(error)}).` +
        (serverStderr ? ` Its stderr:\n${serverStderr}` : ""),
    );
  }

  const call = async (name: string, args: Record<string, unknown>, note?: string): Promise<ToolText> => {
    step(
      `${name} ${JSON.stringify(args, (field, value) => (field === "privateKey" ? "****" : value))}${note ? `  — ${note}` : ""}`,
    );
    const result = await client.callTool({ name, arguments: args });
    const content = Array.isArray(result.content) ? result.content : [];
    const text = content
      .map((item) => (item && typeof item === "object" && "text" in item ? String(item.text) : ""))
      .join("\n");
    const isError = result.isError === true;
    process.stdout.write(
      `${isError ? "  ✗ error (as the model sees it):" : "  ✓"}\n${preview(text, name === "lint_sql_template" ? LINT_PREVIEW_LINES : RESULT_PREVIEW_LINES)}\n`,
    );
    return { isError, text, structured: (result.structuredContent ?? {}) as Record<string, unknown> };
  };
  const expectOk = (outcome: ToolText, what: string): void => {
    if (outcome.isError) throw new Error(`The demo stopped: ${what} failed.`);
  };
  // Customer 42 of the sample dataset has orders, so an empty result means the data is not what the demo expects.
  const expectRows = (outcome: ToolText, what: string): void => {
    expectOk(outcome, what);
    if (!(Number(outcome.structured.rowCount) > 0))
      throw new Error(`The demo stopped: ${what} returned no rows for customer 42 of the sample dataset.`);
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
    const badLint = await call(
      "lint_sql_template",
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
        sql: "SELECT * FROM orders WHERE customer_id = '${customer_id}' ORDER BY ordered_at DESC",
        method: "GET",
        path,
      },
      "a first draft with mistakes",
    );
    if (badLint.isError || badLint.structured.ok !== false)
      throw new Error("The demo stopped: the linter should have reported errors in the first draft.");
    const sqlTemplate =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
      "SELECT id, status, ordered_at, total FROM orders WHERE customer_id = ${customer_id} ORDER BY ordered_at DESC LIMIT 10";
    const goodLint = await call(
      "lint_sql_template",
      { sql: sqlTemplate, method: "GET", path },
      "the fixed template",
    );
    if (goodLint.isError || goodLint.structured.ok !== true)
      throw new Error("The demo stopped: the linter should have accepted the fixed template.");

    const created = await call("create_endpoint", {
      dataAppId,
      method: "GET",
      path,
      displayName: "customer_orders",
      description: "A customer's last ten orders",
      sqlTemplate,
      // The linter infers STRING for a plain comparison; the column is an INT, so say so.
      params: [{ name: "customer_id", type: "INTEGER", required: true }],
    });
    expectOk(created, "create_endpoint");
    const endpointId = String((created.structured.endpoint as { endpointId: string }).endpointId);

    if (withDatabase) {
      expectRows(
        await call("test_endpoint", { dataAppId, endpointId, args: { customer_id: "42" } }),
        "test_endpoint",
      );
    } else {
      step("test_endpoint skipped: no database is attached (see the note at the top)");
    }

    expectOk(await call("deploy_data_app", { dataAppId, description: "First release" }), "deploy_data_app");

    const key = await call("create_api_key", { dataAppId, role: "READ_ONLY", description: "demo" });
    expectOk(key, "create_api_key");
    const apiKey = key.structured.apiKey as { publicKey: string; privateKey: string };

    if (withDatabase) {
      expectRows(
        await call("call_endpoint", {
          dataAppId,
          method: "GET",
          path: "/customers/42/orders",
          publicKey: apiKey.publicKey,
          privateKey: apiKey.privateKey,
        }),
        "call_endpoint",
      );
    } else {
      step("call_endpoint skipped: no database is attached (see the note at the top)");
    }

    const specUri = `tidb-dataservice://data-apps/${dataAppId}/openapi.json`;
    step(`resources/read ${specUri}`);
    const resource = await client.readResource({ uri: specUri });
    const first = resource.contents[0];
    const specText = first && "text" in first ? String(first.text) : "";
    const spec = JSON.parse(specText) as { openapi: string; paths: Record<string, unknown> };
    process.stdout.write(`  ✓ OpenAPI ${spec.openapi}, paths: ${Object.keys(spec.paths).join(", ")}\n`);

    process.stdout.write(
      `\nDone. The Data App ${dataAppId} serves GET /customers/{customer_id}/orders` +
        (withDatabase ? ".\n" : "; attach a database (see the note at the top) to run it.\n") +
        "Connect Claude Desktop or Claude Code to the same server with `npx -y tidb-dataservice-mcp --local` (see README).\n",
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A step the demo judged is explained already; anything else (the server died, a broken pipe) needs the server's own words.
    if (message.startsWith("The demo stopped") || serverStderr === "") throw error;
    throw new Error(`${message}\nThe MCP server's last stderr output:\n${serverStderr}`);
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
