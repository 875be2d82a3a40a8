// Client benchmarks against an in-process emulator (high rate limit):
//  1. HTTP requests per call after warm-up (target: exactly 1.00);
//  2. calls per second through the throttle, 8 in flight;
//  3. latency the client adds over a bare undici request, as a ratio.
// The bare baseline sends the same digest-authenticated GET with undici's
// `request`, its Authorization headers computed before the clock starts (one
// per nc, since the emulator refuses a repeated nc), so the ratio measures the
// client's own work: throttle, signing, retry bookkeeping, zod normalising.
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { createDataServiceClient } from "../src/client/index.js";
import { buildDigestAuthorization } from "../src/digest/authorization.js";
import { chooseDigestChallenge, parseChallenges } from "../src/digest/challenge.js";
import { startEmulator } from "../src/emulator/index.js";

const SEQUENTIAL_CALLS = 400;
const THROUGHPUT_CALLS = 2000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const emulator = await startEmulator({ rateLimitRpm: 100_000_000, log: () => {} });
const origin = new URL(emulator.url).origin;
const stats = async () => (await (await fetch(`${origin}/_emulator/stats`)).json()) as { requests: number };
const resetStats = () => fetch(`${origin}/_emulator/stats/reset`, { method: "POST" });

const client = createDataServiceClient({
  baseUrl: emulator.url,
  publicKey: emulator.publicKey,
  privateKey: emulator.privateKey,
  rateLimitRpm: 100_000_000,
  maxConcurrency: 8,
});
await client.createDataApp({ displayName: "bench" });

// 1. Requests per call.
await client.listDataApps({ pageSize: 1 });
await resetStats();
for (let index = 0; index < SEQUENTIAL_CALLS; index++) await client.listDataApps({ pageSize: 1 });
const requestsPerCall = (await stats()).requests / SEQUENTIAL_CALLS;

// 2. Throughput through the throttle.
const throughputStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next++ < THROUGHPUT_CALLS) await client.listDataApps({ pageSize: 1 });
  }),
);
const callsPerSecond = THROUGHPUT_CALLS / ((performance.now() - throughputStart) / 1000);

// 3. Added latency over bare undici, interleaved in rounds to share the machine's noise.
const target = "/v1beta1/dataApps?pageSize=1";
const probe = await request(`${origin}${target}`);
await probe.body.dump();
const challenge = chooseDigestChallenge(parseChallenges(probe.headers["www-authenticate"]));
if (challenge === undefined) throw new Error("The emulator sent no usable digest challenge.");
const headers = Array.from({ length: SEQUENTIAL_CALLS * 2 }, (_, index) =>
  buildDigestAuthorization(
    challenge,
    { username: emulator.publicKey, password: emulator.privateKey },
    { method: "GET", uri: target },
    index + 1,
  ),
);
const bareAgent = new Agent({ keepAliveTimeout: 10_000 });
let nc = 0;
async function bareCall(): Promise<void> {
  const response = await request(`${origin}${target}`, {
    dispatcher: bareAgent,
    headers: { authorization: headers[nc++] ?? "", accept: "application/json" },
  });
  if (response.statusCode !== 200) throw new Error(`bare request got HTTP ${response.statusCode}`);
  await response.body.json();
}
for (let warm = 0; warm < 50; warm++) await bareCall();
const bare: number[] = [];
const viaClient: number[] = [];
for (let round = 0; round < SEQUENTIAL_CALLS - 50; round++) {
  let started = performance.now();
  await bareCall();
  bare.push(performance.now() - started);
  started = performance.now();
  await client.listDataApps({ pageSize: 1 });
  viaClient.push(performance.now() - started);
}
const ratio = median(viaClient) / median(bare);

await bareAgent.close();
await client.close();
await emulator.close();

console.log(`requests per call after warm-up: ${requestsPerCall.toFixed(2)} (target 1.00)`);
console.log(`calls per second through the throttle (8 in flight): ${callsPerSecond.toFixed(0)}`);
console.log(
  `median latency: client ${median(viaClient).toFixed(3)} ms, bare undici with precomputed digest header ${median(bare).toFixed(3)} ms, ratio ${ratio.toFixed(2)}`,
);
if (requestsPerCall !== 1) process.exitCode = 1;
