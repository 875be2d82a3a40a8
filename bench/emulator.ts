// Throughput and latency of the emulator's management API over real HTTP:
// authenticated reads, in-memory writes, and persisted writes (fsync per
// group commit) at a few concurrency levels.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../src/emulator/index.js";
import { DigestFetch } from "../test/helpers/digest-fetch.js";

interface Result {
  name: string;
  calls: number;
  seconds: number;
  p50: number;
  p99: number;
}

async function measure(
  name: string,
  calls: number,
  concurrency: number,
  call: () => Promise<void>,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        next++;
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name, calls, seconds, p50: at(0.5), p99: at(0.99) };
}

async function run(dataDir: string | undefined): Promise<Result[]> {
  const emulator = await startEmulator({
    rateLimitRpm: 10_000_000,
    log: () => {},
    ...(dataDir ? { dataDir } : {}),
  });
  const api = new DigestFetch(emulator.url, emulator.publicKey, emulator.privateKey);
  const label = dataDir === undefined ? "memory" : "persisted";
  const expectOk = (status: number) => {
    if (status !== 200) throw new Error(`unexpected status ${status}`);
  };
  await api.request("GET", "/dataApps");
  const results: Result[] = [];
  let index = 0;
  for (const concurrency of [1, 16]) {
    results.push(
      await measure(`create app (${label}, c=${concurrency})`, 400, concurrency, async () => {
        expectOk((await api.request("POST", "/dataApps", { body: { displayName: `b${index++}` } })).status);
      }),
    );
  }
  if (dataDir === undefined) {
    results.push(
      await measure("get app list page (c=16)", 1000, 16, async () => {
        expectOk((await api.request("GET", "/dataApps?pageSize=10")).status);
      }),
    );
  }
  await emulator.close();
  return results;
}

const dir = await mkdtemp(join(tmpdir(), "emulator-bench-"));
try {
  const results = [...(await run(undefined)), ...(await run(dir))];
  for (const r of results) {
    process.stdout.write(
      `${r.name.padEnd(34)} ${(r.calls / r.seconds).toFixed(0).padStart(6)} calls/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms\n`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
