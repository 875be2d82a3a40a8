#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { DataApiCaller, DataServiceApi } from "./client/api.js";
import {
  type CliConfig,
  DEFAULT_DATA_API_URL,
  HELP_TEXT,
  type LocalModeConfig,
  parseCommandLine,
  sampleDatabaseOf,
} from "./config.js";
import {
  createNotConfiguredApi,
  deferDataApiCaller,
  deferDataServiceApi,
  once,
} from "./mcp/backend-proxies.js";
import type { LocalBackendInfo } from "./mcp/instructions.js";
import { ToolFailure } from "./mcp/tool-definition.js";
import { packageVersion } from "./mcp/version.js";
import { createServer } from "./server.js";

/** The service's limit per organization key; the emulator in --local mode allows far more. */
const DEFAULT_RATE_LIMIT_RPM = 100;
const LOCAL_RATE_LIMIT_RPM = 6000;
/** A tool call should not hang for a minute: past this, the model is told when to retry. */
const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 30_000;
const WARM_UP_DELAY_MS = 200;
/** The embedded emulator's one cluster (its default), named here so the instructions can tell the model. */
const LOCAL_CLUSTER = { id: "10000000000000000001", name: "Cluster0" } as const;

interface Backend {
  api: DataServiceApi;
  dataApi: DataApiCaller;
  /** Starts what is worth starting before the first call (the local emulator). */
  warmUp(): void;
  close(): Promise<void>;
}

interface Clients {
  api: DataServiceApi & { close(): Promise<void> };
  dataApi: DataApiCaller & { close(): Promise<void> };
  emulator?: { close(): Promise<void> };
}

function log(line: string): void {
  process.stderr.write(`[tidb-dataservice-mcp] ${line}\n`);
}

function clientLimits(
  config: CliConfig,
  defaultRpm: number,
): { rateLimitRpm: number; maxRateLimitWaitMs: number } {
  return {
    rateLimitRpm: config.rateLimitRpm ?? defaultRpm,
    maxRateLimitWaitMs: config.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  };
}

/** Both backends load the HTTP client on first use: start-up and tools/list do not pay for undici. */
function backendFrom(clients: ReturnType<typeof once<Clients>>, fallbackApi?: DataServiceApi): Backend {
  return {
    api: fallbackApi ?? deferDataServiceApi(async () => (await clients.get()).api),
    dataApi: deferDataApiCaller(async () => (await clients.get()).dataApi),
    warmUp() {},
    async close() {
      if (!clients.started()) return;
      const ready = await clients.get().catch(() => undefined);
      if (!ready) return;
      await Promise.allSettled([ready.api.close(), ready.dataApi.close()]);
      await ready.emulator?.close();
    },
  };
}

/** Real TiDB Cloud, or a stand-in whose every call explains how to configure credentials. */
function remoteBackend(config: CliConfig): Backend {
  const configured = Boolean(config.publicKey && config.privateKey);
  const clients = once<Clients>(async () => {
    const { createDataServiceClient, createDataApiCaller } = await import("./client/index.js");
    return {
      api: configured
        ? createDataServiceClient({
            ...(config.apiUrl ? { baseUrl: config.apiUrl } : {}),
            publicKey: config.publicKey ?? "",
            privateKey: config.privateKey ?? "",
            ...(config.projectId ? { projectId: config.projectId } : {}),
            ...clientLimits(config, DEFAULT_RATE_LIMIT_RPM),
          })
        : Object.assign(createNotConfiguredApi(), { close: async () => {} }),
      dataApi: createDataApiCaller({ baseUrl: config.dataApiUrl ?? DEFAULT_DATA_API_URL }),
    };
  });
  if (configured) return backendFrom(clients);
  log("no TIDB_CLOUD_PUBLIC_KEY / TIDB_CLOUD_PRIVATE_KEY: tools are listed, calls explain how to configure.");
  // Management calls fail at once, without loading the HTTP client; call_endpoint still works.
  return backendFrom(clients, createNotConfiguredApi());
}

/** The embedded emulator, started right after the protocol connects; calls wait for it. */
function localBackend(config: CliConfig): Backend {
  const local = config.local ?? { seedSample: false };
  const clients = once<Clients>(async () => {
    const [{ startEmulator }, { createDataPlane }, { createDataServiceClient, createDataApiCaller }] =
      await Promise.all([
        import("./emulator/index.js"),
        import("./emulator/data-api/index.js"),
        import("./client/index.js"),
      ]);
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    try {
      emulator = await startEmulator({
        port: 0,
        host: "127.0.0.1",
        rateLimitRpm: LOCAL_RATE_LIMIT_RPM,
        clusters: [{ ...LOCAL_CLUSTER }],
        ...(local.dataDir ? { dataDir: local.dataDir } : {}),
        ...(local.mysqlUrl ? { mysqlUrl: local.mysqlUrl } : {}),
        seedSample: local.seedSample,
        // The data plane runs endpoints on the cluster's database (test_endpoint, call_endpoint).
        dataPlaneFactory: createDataPlane,
        log: (line: string) => log(`emulator: ${line}`),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(`the local emulator failed to start: ${reason}`);
      // Retrying cannot help: the model is told to have the configuration fixed.
      throw new ToolFailure(
        `The local emulator failed to start (${reason}). Nothing can work until the user fixes --data-dir / --mysql-url and restarts this MCP server.`,
      );
    }
    log(`local emulator at ${emulator.url}`);
    return {
      emulator,
      api: createDataServiceClient({
        baseUrl: emulator.url,
        publicKey: emulator.publicKey,
        privateKey: emulator.privateKey,
        ...clientLimits(config, LOCAL_RATE_LIMIT_RPM),
      }),
      dataApi: createDataApiCaller({ baseUrl: emulator.dataApiUrl }),
    };
  });
  return {
    ...backendFrom(clients),
    warmUp() {
      clients.get().catch(() => {});
    },
  };
}

/** What the instructions tell the model about the embedded emulator. */
function localBackendInfo(local: LocalModeConfig): LocalBackendInfo {
  const { mysqlUrl, seedSample } = local;
  return {
    clusterIds: [LOCAL_CLUSTER.id],
    hasDatabase: mysqlUrl !== undefined,
    ...(mysqlUrl !== undefined && seedSample ? { sampleDatabase: sampleDatabaseOf(mysqlUrl) } : {}),
  };
}

async function main(): Promise<void> {
  const command = parseCommandLine(process.argv.slice(2), process.env);
  if (command.kind === "help") {
    process.stdout.write(HELP_TEXT);
    return;
  }
  if (command.kind === "version") {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (command.kind === "error") {
    log(command.message);
    process.exitCode = 2;
    return;
  }
  const { config } = command;
  const backend = config.local ? localBackend(config) : remoteBackend(config);
  const server = createServer({
    api: backend.api,
    dataApi: backend.dataApi,
    readOnly: config.readOnly,
    features: config.features,
    dataAppId: config.dataAppId,
    dataAppKey: { publicKey: config.appPublicKey, privateKey: config.appPrivateKey },
    ...(config.local ? { local: localBackendInfo(config.local) } : {}),
  });

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => {});
    await backend.close().catch(() => {});
    process.exit(0);
  };
  process.stdin.on("end", shutdown);
  process.stdin.on("close", shutdown);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  // Warm up (start the local emulator) once the handshake is done and tools/list has most
  // likely been answered: loading it earlier would delay both. A tool call starts it anyway.
  server.server.oninitialized = () => setTimeout(() => backend.warmUp(), WARM_UP_DELAY_MS).unref();
  await server.connect(new StdioServerTransport());
}

main().catch((error: unknown) => {
  log(`fatal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
