import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { EmulatorInfo } from "../helpers/spawn-emulator.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = join(ROOT, "dist", "cli.js");

export interface Connected {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

/** Spawns the built bin over stdio, as Claude Desktop would, and connects an SDK client. */
export async function connectServer(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Connected> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json)`);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...args],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "e2e", version: "1.0.0" }, { capabilities: {} });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The environment that points the server at a running emulator. */
export function emulatorEnv(info: EmulatorInfo): Record<string, string> {
  return {
    TIDB_CLOUD_PUBLIC_KEY: info.publicKey,
    TIDB_CLOUD_PRIVATE_KEY: info.privateKey,
    TIDB_DATASERVICE_API_URL: info.url,
    TIDB_DATASERVICE_DATA_API_URL: info.dataApiUrl,
    // The emulator is started with a high limit; the client's own budget must not slow the tests.
    TIDB_DATASERVICE_RATE_LIMIT_RPM: "100000",
  };
}

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
  onprogress?: (progress: { progress: number; message?: string }) => void,
): Promise<CallToolResult> {
  const result = await client.callTool({ name, arguments: args }, undefined, {
    ...(onprogress ? { onprogress } : {}),
    timeout: 60_000,
  });
  return result as CallToolResult;
}

export function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
}

/** Calls a tool that must succeed and returns its structured content. */
export async function ok<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const result = await call(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

/** Calls a tool that must fail and returns its error text. */
export async function fails(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  const result = await call(client, name, args);
  if (!result.isError) throw new Error(`${name} should have failed but returned ${textOf(result)}`);
  expectNoStack(textOf(result));
  return textOf(result);
}

export function expectNoStack(text: string): void {
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(text)) throw new Error(`tool error contains a stack trace: ${text}`);
}

export function controlUrl(info: EmulatorInfo, path: string): string {
  return new URL(path, info.url).toString();
}
