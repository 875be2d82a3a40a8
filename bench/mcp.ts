// tools/list size (all tools; read-only scoped to one app) and spawn-to-first-tools/list
// time of the built server, against @modelcontextprotocol/server-everything in the same run.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli.js");
const everything = join(
  root,
  "node_modules",
  "@modelcontextprotocol",
  "server-everything",
  "dist",
  "index.js",
);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TOKEN_BUDGET_ALL = 5000;
const TOKEN_BUDGET_READ_ONLY_SCOPED = 2500;
const START_BUDGET_MS = 300;

interface Probe {
  ms: number;
  toolsListBytes: number;
  toolCount: number;
}

/** Spawns a stdio server, sends initialize + initialized + tools/list, and times the tools/list answer. */
function probe(args: string[]): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      stdio: ["pipe", "pipe", "ignore"],
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    });
    let buffer = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no tools/list answer from ${args.join(" ")}`));
    }, 15_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
        const message = JSON.parse(line) as { id?: number; result?: { tools?: unknown[] } };
        if (message.id === 1) {
          child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
          child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" })}\n`);
        } else if (message.id === 2) {
          const ms = performance.now() - started;
          clearTimeout(timer);
          const result = JSON.stringify(message.result);
          child.stdin.end();
          child.kill();
          resolve({ ms, toolsListBytes: result.length, toolCount: message.result?.tools?.length ?? 0 });
        }
      }
    });
    child.stdin.write(
      `${JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "bench", version: "1" },
        },
      })}\n`,
    );
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Alternates the two servers run by run, so that both see the same load on a shared machine. */
async function timeInterleaved(ours: string[], theirs: string[]): Promise<{ ours: number; theirs: number }> {
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    oursMs.push((await probe(ours)).ms);
    theirsMs.push((await probe(theirs)).ms);
  }
  return { ours: median(oursMs), theirs: median(theirsMs) };
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error("dist/cli.js is missing: run npm run build first");
  const all = await probe([cli]);
  const scoped = await probe([cli, "--read-only", "--data-app", "dataapp-bench"]);
  await probe([cli]);
  await probe([everything, "stdio"]);
  const { ours: oursMs, theirs: theirsMs } = await timeInterleaved([cli], [everything, "stdio"]);

  const allTokens = Math.round(all.toolsListBytes / 4);
  const scopedTokens = Math.round(scoped.toolsListBytes / 4);
  const verdict = (ok: boolean) => (ok ? "ok" : "OVER BUDGET");
  console.log(
    `tools/list, all tools:           ${all.toolCount} tools, ${all.toolsListBytes} bytes, ~${allTokens} tokens (budget ${TOKEN_BUDGET_ALL}) ${verdict(allTokens <= TOKEN_BUDGET_ALL)}`,
  );
  console.log(
    `tools/list, read-only + 1 app:   ${scoped.toolCount} tools, ${scoped.toolsListBytes} bytes, ~${scopedTokens} tokens (budget ${TOKEN_BUDGET_READ_ONLY_SCOPED}) ${verdict(scopedTokens <= TOKEN_BUDGET_READ_ONLY_SCOPED)}`,
  );
  console.log(
    `spawn to first tools/list, median of ${RUNS}: ours ${oursMs.toFixed(0)} ms (budget ${START_BUDGET_MS}) ${verdict(oursMs <= START_BUDGET_MS)}; server-everything ${theirsMs.toFixed(0)} ms; ratio ${(oursMs / theirsMs).toFixed(2)} ${verdict(oursMs <= theirsMs)}`,
  );
  if (
    allTokens > TOKEN_BUDGET_ALL ||
    scopedTokens > TOKEN_BUDGET_READ_ONLY_SCOPED ||
    oursMs > START_BUDGET_MS ||
    oursMs > theirsMs
  ) {
    process.exitCode = 1;
  }
}

await main();
