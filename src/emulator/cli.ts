#!/usr/bin/env node
import { parseArgs } from "node:util";
import { type ClusterConfig, type EmulatorOptions, type RunningEmulator, startEmulator } from "./index.js";

const USAGE = `Usage: tidb-dataservice-emulator [options]

A local TiDB Cloud Data Service: the management API under /v1beta1 and the data API under /api/v1beta.

Options:
  --port N                  port to listen on (default 0: any free port)
  --host HOST               address to bind (default 127.0.0.1)
  --data-dir DIR            keep state in DIR across restarts (default: in memory)
  --public-key K            organisation public key (default: generated)
  --private-key S           organisation private key (default: generated)
  --rate-limit-rpm N        requests per minute per key (default 100)
  --cluster ID[=MYSQL_URL]  a cluster the emulator knows (repeatable; default one cluster 10000000000000000001)
  --mysql-url URL           database of the default cluster (or env TIDB_DATASERVICE_MYSQL_URL)
  --seed-sample             seed a sample database for the data API
  --allow-fault-injection   enable POST /_emulator/faults (for tests)
  --help                    show this help

When ready it prints one JSON line on stdout: {"url","dataApiUrl","publicKey","privateKey","clusters"}.`;

class UsageError extends Error {}

function positiveInteger(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`--${flag} must be an integer of at least ${min}, got '${value}'.`);
  }
  return Number(value);
}

function parseCluster(value: string): ClusterConfig {
  const separator = value.indexOf("=");
  const id = separator === -1 ? value : value.slice(0, separator);
  const mysqlUrl = separator === -1 ? undefined : value.slice(separator + 1);
  if (!/^\d{1,20}$/.test(id)) {
    throw new UsageError(`--cluster needs a numeric cluster id (like 10000000000000000001), got '${id}'.`);
  }
  if (mysqlUrl !== undefined && !/^mysql:\/\//.test(mysqlUrl)) {
    throw new UsageError(
      `--cluster ${id}=URL needs a mysql:// URL, got '${mysqlUrl.replace(/:[^:@/]*@/, ":***@")}'.`,
    );
  }
  return mysqlUrl === undefined ? { id } : { id, mysqlUrl };
}

function readOptions(argv: string[]): EmulatorOptions | "help" {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof flags; strict: true; allowPositionals: false }>>;
  const flags = {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    "public-key": { type: "string" },
    "private-key": { type: "string" },
    "rate-limit-rpm": { type: "string" },
    cluster: { type: "string", multiple: true },
    "mysql-url": { type: "string" },
    "seed-sample": { type: "boolean" },
    "allow-fault-injection": { type: "boolean" },
    help: { type: "boolean" },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options: flags, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values;
  if (values.help === true) return "help";
  if ((values["public-key"] === undefined) !== (values["private-key"] === undefined)) {
    throw new UsageError("--public-key and --private-key go together: give both or neither.");
  }
  const port = positiveInteger("port", values.port, 0);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}.`);
  const options: EmulatorOptions = {
    port: port ?? 0,
    host: values.host ?? "127.0.0.1",
    seedSample: values["seed-sample"] === true,
    allowFaultInjection: values["allow-fault-injection"] === true,
  };
  const rateLimitRpm = positiveInteger("rate-limit-rpm", values["rate-limit-rpm"], 1);
  if (rateLimitRpm !== undefined) options.rateLimitRpm = rateLimitRpm;
  if (values["data-dir"] !== undefined) options.dataDir = values["data-dir"];
  if (values["public-key"] !== undefined) options.publicKey = values["public-key"];
  if (values["private-key"] !== undefined) options.privateKey = values["private-key"];
  const mysqlUrl = values["mysql-url"] ?? process.env.TIDB_DATASERVICE_MYSQL_URL;
  if (mysqlUrl !== undefined && mysqlUrl !== "") options.mysqlUrl = mysqlUrl;
  if (values.cluster !== undefined) options.clusters = values.cluster.map(parseCluster);
  return options;
}

function shutDown(emulator: RunningEmulator): void {
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`[emulator] stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

async function main(): Promise<void> {
  let options: EmulatorOptions | "help";
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`tidb-dataservice-emulator: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let emulator: RunningEmulator | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[emulator] ${signal}: stopping\n`);
    // A signal during start-up stops the emulator as soon as it is up.
    if (emulator !== undefined) shutDown(emulator);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  emulator = await startEmulator(options);
  if (stopping) {
    shutDown(emulator);
    return;
  }
  // Printed last: whoever reads this line may signal us right away.
  process.stdout.write(
    `${JSON.stringify({
      url: emulator.url,
      dataApiUrl: emulator.dataApiUrl,
      publicKey: emulator.publicKey,
      privateKey: emulator.privateKey,
      clusters: emulator.clusters,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `tidb-dataservice-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
