// biome-ignore-all lint/suspicious/noTemplateCurlyInString: endpoint SQL templates use ${name} placeholders.
// Data API calls per second through the emulator for an indexed primary-key
// lookup on MariaDB, against the same query run directly with mysql2, and the
// emulator's overhead as the ratio of the two, from one run.
// Every key allows at most 1000 calls a minute (as on TiDB Cloud), so calls
// rotate over enough Basic-auth keys to stay under that; a 429 fails the run.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import mysql from "mysql2/promise";
import { DEFAULT_CLUSTER_ID, startEmulator } from "../src/emulator/index.js";
import { DigestFetch } from "../test/helpers/digest-fetch.js";

const MYSQL_URL = process.env.TIDB_DATASERVICE_MYSQL_URL ?? "mysql://root@127.0.0.1:3306";
const DATABASE = `dsapi_bench_${process.pid}`;
const ROWS = 10_000;
const CALLS = 4000;
const CONCURRENCY = 8;
const KEYS = Math.ceil(CALLS / 900);

interface Result {
  callsPerSecond: number;
  p50: number;
  p99: number;
}

async function measure(call: (index: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        const index = next++;
        const t0 = performance.now();
        await call(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { callsPerSecond: CALLS / seconds, p50: at(0.5), p99: at(0.99) };
}

async function prepareDatabase(): Promise<void> {
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.query(`USE ${DATABASE}`);
  await admin.query(
    "CREATE TABLE accounts (id INT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, balance DECIMAL(12,2) NOT NULL)",
  );
  const rows = Array.from({ length: ROWS }, (_, index) => [
    index + 1,
    `account-${index + 1}`,
    (index * 7) % 1000,
  ]);
  for (let start = 0; start < ROWS; start += 1000) {
    await admin.query("INSERT INTO accounts (id, name, balance) VALUES ?", [rows.slice(start, start + 1000)]);
  }
  await admin.end();
}

async function dropDatabase(): Promise<void> {
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.end();
}

const LOOKUP = "SELECT id, name, balance FROM accounts WHERE id = ${id}";

async function throughEmulator(): Promise<Result> {
  const emulator = await startEmulator({
    mysqlUrl: `${MYSQL_URL}/${DATABASE}`,
    rateLimitRpm: 10_000_000,
    deploymentStepMs: 10,
    log: () => {},
  });
  try {
    const api = new DigestFetch(emulator.url, emulator.publicKey, emulator.privateKey);
    const app = await api.json("POST", "/dataApps", { body: { displayName: "bench" } });
    await api.json("POST", `/dataApps/${app.dataAppId}/dataSources`, {
      body: { clusterId: DEFAULT_CLUSTER_ID },
    });
    await api.json("POST", `/dataApps/${app.dataAppId}/endpoints`, {
      body: {
        displayName: "lookup",
        path: "/accounts/{id}",
        method: "GET",
        clusterId: DEFAULT_CLUSTER_ID,
        sqlTemplate: LOOKUP,
        tag: "Default",
        params: [{ name: "id", type: "INTEGER", required: true }],
        settings: { timeout: 5000, rowLimit: 10, paginationEnabled: false, cacheEnabled: false },
      },
    });
    const deployment = await api.json("POST", `/dataApps/${app.dataAppId}/deployments`, { body: {} });
    for (;;) {
      const state = await api.json(
        "GET",
        `/dataApps/${app.dataAppId}/deployments/${deployment.deploymentId}`,
      );
      if (state.status === "SUCCEEDED") break;
      if (state.status === "FAILED") throw new Error(`deployment failed: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const authorizations: string[] = [];
    for (let index = 0; index < KEYS; index++) {
      const key = await api.json("POST", `/dataApps/${app.dataAppId}/apiKeys`, {
        body: { role: "READ_ONLY", rateLimitRpm: 1000 },
      });
      authorizations.push(`Basic ${Buffer.from(`${key.publicKey}:${key.privateKey}`).toString("base64")}`);
    }
    const base = `${emulator.dataApiUrl}/app/${app.dataAppId}/endpoint/accounts/`;
    return await measure(async (index) => {
      const id = (index % ROWS) + 1;
      const response = await fetch(`${base}${id}`, {
        headers: { Authorization: authorizations[index % KEYS] ?? "" },
      });
      const body = (await response.json()) as { data: { rows: { id: string }[] } };
      if (response.status !== 200 || body.data.rows[0]?.id !== String(id)) {
        throw new Error(`call ${index}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    });
  } finally {
    await emulator.close();
  }
}

async function direct(): Promise<Result> {
  const pool = mysql.createPool({ uri: `${MYSQL_URL}/${DATABASE}`, connectionLimit: CONCURRENCY });
  try {
    return await measure(async (index) => {
      const id = (index % ROWS) + 1;
      const [rows] = await pool.execute("SELECT id, name, balance FROM accounts WHERE id = ?", [id]);
      if ((rows as { id: number }[])[0]?.id !== id) throw new Error(`direct call ${index}: wrong row`);
    });
  } finally {
    await pool.end();
  }
}

// The least any HTTP data API can do: parse the id, run the query, answer JSON. Measured with the
// same in-process fetch client, it shows how much of the ratio is the HTTP round trip itself.
async function bareHttp(): Promise<Result> {
  const pool = mysql.createPool({ uri: `${MYSQL_URL}/${DATABASE}`, connectionLimit: CONCURRENCY });
  const server = createServer((req, res) => {
    const id = Number(req.url?.slice(req.url.lastIndexOf("/") + 1));
    pool
      .execute({ sql: "SELECT id, name, balance FROM accounts WHERE id = ?", rowsAsArray: true }, [id])
      .then(([rows]) => {
        const text = JSON.stringify({ rows });
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
        res.end(text);
      })
      .catch(() => {
        res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/accounts/`;
  try {
    return await measure(async (index) => {
      const id = (index % ROWS) + 1;
      const response = await fetch(`${base}${id}`);
      const body = (await response.json()) as { rows: [number][] };
      if (response.status !== 200 || body.rows[0]?.[0] !== id)
        throw new Error(`bare HTTP call ${index}: wrong row`);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  }
}

function line(label: string, result: Result): string {
  return `${label.padEnd(34)} ${result.callsPerSecond.toFixed(0).padStart(7)} calls/s   p50 ${result.p50.toFixed(2)} ms   p99 ${result.p99.toFixed(2)} ms`;
}

async function main(): Promise<void> {
  try {
    await prepareDatabase();
  } catch (error) {
    console.log(
      `data-api bench skipped: MariaDB at ${MYSQL_URL} is not reachable (${(error as Error).message}).`,
    );
    process.exitCode = process.env.CI === "true" ? 1 : 0;
    return;
  }
  try {
    // Warm both paths (pools, prepared statements, JIT) before measuring.
    await direct();
    const emulator = await throughEmulator();
    const mysqlDirect = await direct();
    const bare = await bareHttp();
    console.log(`indexed lookup, ${CALLS} calls, concurrency ${CONCURRENCY}, ${ROWS} rows`);
    console.log(line("data API through the emulator", emulator));
    console.log(line("same query directly with mysql2", mysqlDirect));
    console.log(line("bare HTTP server, same query", bare));
    console.log(
      `emulator overhead: ${(mysqlDirect.callsPerSecond / emulator.callsPerSecond).toFixed(2)}x the time per call of mysql2 alone, ` +
        `${(bare.callsPerSecond / emulator.callsPerSecond).toFixed(2)}x that of a bare HTTP server running the same query`,
    );
  } finally {
    await dropDatabase();
  }
}

await main();
