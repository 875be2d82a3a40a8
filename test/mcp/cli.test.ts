import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID } from "../../src/emulator/index.js";
import { CLI, connectServer, fails, ok } from "./mcp-harness.js";

const BARE_ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

describe("the tidb-dataservice-mcp bin", () => {
  it("prints help and version, and rejects bad flags with a hint", () => {
    const help = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8", env: BARE_ENV });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--read-only");
    expect(help.stdout).toContain("TIDB_CLOUD_PUBLIC_KEY");
    const version = spawnSync(process.execPath, [CLI, "--version"], { encoding: "utf8", env: BARE_ENV });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = spawnSync(process.execPath, [CLI, "--features", "nope"], { encoding: "utf8", env: BARE_ENV });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("valid:");
  });

  it("starts without credentials, lists its tools, and every call explains how to configure", async () => {
    const server = await connectServer([], {});
    try {
      const { tools } = await server.client.listTools();
      expect(tools.length).toBe(26);
      const text = await fails(server.client, "list_data_apps", {});
      expect(text).toContain("TIDB_CLOUD_PUBLIC_KEY");
      expect(text).toContain("--local");
      const lint = await ok<{ ok: boolean }>(server.client, "lint_sql_template", {
        sql: "SELECT 1 AS one LIMIT 1",
        method: "GET",
        path: "/one",
      });
      expect(lint.ok).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("writes only JSON-RPC on stdout and exits when stdin closes", async () => {
    const child = spawn(process.execPath, [CLI], { env: BARE_ENV, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    // Waits for the initialize answer itself, not a fixed time a loaded machine may exceed.
    const answered = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        if (stdout.includes("\n")) resolve();
      });
    });
    child.stdin.write(
      `${JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      })}\n`,
    );
    await answered;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.stdin.end();
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve("timeout"), 5000)),
    ]);
    if (code === "timeout") child.kill("SIGKILL");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty("jsonrpc", "2.0");
  });

  it("--local runs the embedded emulator and keeps its state in --data-dir", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcp-local-"));
    try {
      const first = await connectServer(["--local", "--data-dir", dataDir], {});
      let dataAppId: string;
      try {
        // The model cannot list clusters: the instructions name the emulator's, and so does a 404.
        const instructions = first.client.getInstructions() ?? "";
        expect(instructions).toContain(DEFAULT_CLUSTER_ID);
        expect(instructions).toContain("--mysql-url");
        const unknownCluster = await fails(first.client, "create_data_app", {
          displayName: "local_app",
          clusterId: "123",
        });
        expect(unknownCluster).toContain(`clusterId '123' (valid ones: ${DEFAULT_CLUSTER_ID})`);
        expect(unknownCluster).not.toContain("list_data_sources");

        const { dataApp } = await ok<{ dataApp: { dataAppId: string } }>(first.client, "create_data_app", {
          displayName: "local_app",
          clusterId: DEFAULT_CLUSTER_ID,
        });
        dataAppId = dataApp.dataAppId;
        expect(first.stderr()).toContain("local emulator");

        // No --mysql-url: running an endpoint says what to fix, not to wait and retry.
        const { endpoint } = await ok<{ endpoint: { endpointId: string } }>(first.client, "create_endpoint", {
          dataAppId,
          path: "/one",
          method: "GET",
          sqlTemplate: "SELECT 1 AS one LIMIT 1",
        });
        const noDatabase = await fails(first.client, "test_endpoint", {
          dataAppId,
          endpointId: endpoint.endpointId,
        });
        expect(noDatabase).toContain("--mysql-url");
        expect(noDatabase).toContain("restart this MCP server");
        expect(noDatabase).not.toContain("Retry in a minute");
      } finally {
        await first.close();
      }
      const second = await connectServer(["--local", "--data-dir", dataDir], {});
      try {
        const { items } = await ok<{ items: { dataAppId: string }[] }>(second.client, "list_data_apps", {});
        expect(items.map((app) => app.dataAppId)).toContain(dataAppId);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("says to fix the configuration and restart when the local emulator cannot start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-local-bad-"));
    const notADirectory = join(dir, "file");
    writeFileSync(notADirectory, "");
    try {
      const server = await connectServer(["--local", "--data-dir", notADirectory], {});
      try {
        const text = await fails(server.client, "list_data_apps", {});
        expect(text).toContain("failed to start");
        expect(text).toContain("restart");
        expect(text).not.toMatch(/retry/i);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
