import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError } from "./api-error.js";
import { apiKeyRoutes } from "./api-key-routes.js";
import { apiSpecRoutes } from "./api-spec-route.js";
import { createDataPlane } from "./data-api/index.js";
import { dataAppRoutes } from "./data-app-routes.js";
import type { ClusterConfig, DataPlane, DataPlaneFactory } from "./data-plane.js";
import { dataSourceRoutes } from "./data-source-routes.js";
import { deploymentRoutes } from "./deployment-routes.js";
import { DeploymentRunner } from "./deployment-runner.js";
import { DigestAuthenticator } from "./digest-auth.js";
import { endpointRoutes } from "./endpoint-routes.js";
import { FaultInjector } from "./faults.js";
import { sendJson } from "./http-io.js";
import { newPrivateKey, newPublicKey } from "./ids.js";
import type { ManagementApiOptions } from "./management-api.js";
import { PageTokens } from "./page-token.js";
import { RateLimiter } from "./rate-limiter.js";
import { createRequestDispatcher } from "./request-dispatcher.js";
import type { Route } from "./router.js";
import type { Services } from "./services.js";
import { RequestStats } from "./stats.js";
import { Store } from "./store.js";

export type {
  ClusterConfig,
  DataPlane,
  DataPlaneContext,
  DataPlaneFactory,
  DataPlaneTestInput,
  EmulatorStoreView,
} from "./data-plane.js";
export type { StatsSnapshot } from "./stats.js";

export interface EmulatorOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Persistence directory; in memory when absent. */
  dataDir?: string;
  /** The organisation key pair; generated when absent. */
  publicKey?: string;
  privateKey?: string;
  /** Default 100. */
  rateLimitRpm?: number;
  /** Default 60000. */
  rateLimitWindowMs?: number;
  /** Default 300000. */
  nonceTtlMs?: number;
  /** Lifetime of management page tokens, default 3600000. */
  pageTokenTtlMs?: number;
  /** Delay of each PENDING -> RUNNING -> SUCCEEDED step, default 300. */
  deploymentStepMs?: number;
  /** Default: one cluster with id 10000000000000000001. */
  clusters?: ClusterConfig[];
  /** Database of the default (first) cluster, unless that cluster has its own. */
  mysqlUrl?: string;
  seedSample?: boolean;
  allowFaultInjection?: boolean;
  dataPlaneFactory?: DataPlaneFactory;
  /** Default: stderr. Never given secrets. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** http://HOST:PORT/v1beta1 */
  url: string;
  /** http://HOST:PORT/api/v1beta */
  dataApiUrl: string;
  publicKey: string;
  privateKey: string;
  clusters: string[];
  close(): Promise<void>;
}

export const DEFAULT_CLUSTER_ID = "10000000000000000001";

function resolveClusters(options: EmulatorOptions): ClusterConfig[] {
  const clusters = (options.clusters ?? [{ id: DEFAULT_CLUSTER_ID, name: "Cluster0" }]).map((cluster) => ({
    ...cluster,
  }));
  const first = clusters[0];
  if (first !== undefined && first.mysqlUrl === undefined && options.mysqlUrl !== undefined) {
    first.mysqlUrl = options.mysqlUrl;
  }
  return clusters;
}

function urlHost(host: string, address: AddressInfo): string {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : address.address;
  return reachable.includes(":") ? `[${reachable}]` : reachable;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[emulator] ${line}\n`));
  const host = options.host ?? "127.0.0.1";
  const publicKey = options.publicKey ?? newPublicKey();
  const privateKey = options.privateKey ?? newPrivateKey();
  const rateLimitRpm = options.rateLimitRpm ?? 100;
  if (!Number.isInteger(rateLimitRpm) || rateLimitRpm < 1) {
    throw new Error(`rateLimitRpm must be a positive integer, got ${rateLimitRpm}.`);
  }
  const clusters = resolveClusters(options);
  if (clusters.length === 0) throw new Error("The emulator needs at least one cluster.");
  const store = await Store.open(options.dataDir);
  try {
    return await serve(options, store, { log, host, clusters, publicKey, privateKey, rateLimitRpm });
  } catch (error) {
    // Release the data directory when the port is taken or the data plane fails to start.
    await store.close();
    throw error;
  }
}

interface ResolvedSettings {
  log: (line: string) => void;
  host: string;
  clusters: ClusterConfig[];
  publicKey: string;
  privateKey: string;
  rateLimitRpm: number;
}

async function serve(
  options: EmulatorOptions,
  store: Store,
  settings: ResolvedSettings,
): Promise<RunningEmulator> {
  const { log, host, clusters, publicKey, privateKey, rateLimitRpm } = settings;
  const stats = new RequestStats();
  const faults = options.allowFaultInjection === true ? new FaultInjector() : undefined;
  const deployments = new DeploymentRunner(store, options.deploymentStepMs ?? 300, Date.now, log);
  let dataApiUrl = "";
  const dataPlane: DataPlane = await (options.dataPlaneFactory ?? createDataPlane)({
    store,
    clusters,
    seedSample: options.seedSample === true,
    log,
  });
  const services: Services = {
    store,
    clusters,
    pageTokens: new PageTokens(options.pageTokenTtlMs ?? 3_600_000),
    deployments,
    dataPlane,
    dataApiUrl: () => dataApiUrl,
    now: Date.now,
  };
  const routes: Route[] = [
    ...dataAppRoutes(services),
    ...dataSourceRoutes(services),
    ...endpointRoutes(services),
    ...apiKeyRoutes(services),
    ...deploymentRoutes(services),
    ...apiSpecRoutes(services),
  ];
  const management: ManagementApiOptions = {
    routes,
    digest: new DigestAuthenticator({ nonceTtlMs: options.nonceTtlMs ?? 300_000 }),
    limiter: new RateLimiter(options.rateLimitWindowMs ?? 60_000),
    faults,
    publicKey,
    privateKey,
    rateLimitRpm,
    log,
  };

  const handle = createRequestDispatcher({ management, dataPlane, stats, faults });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent)
        sendJson(res, 500, new ApiError(500, "INTERNAL", "INTERNAL", "Internal error.").toBody());
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await dataPlane.close();
    throw new Error(`Cannot listen on ${host}:${options.port ?? 0}: ${(error as Error).message}`);
  }
  const address = server.address() as AddressInfo;
  const origin = `http://${urlHost(host, address)}:${address.port}`;
  dataApiUrl = `${origin}/api/v1beta`;
  deployments.resumeUnfinished();
  log(
    `listening on ${origin} (management ${origin}/v1beta1, data API ${dataApiUrl})${options.dataDir === undefined ? ", state in memory" : `, state in ${options.dataDir}`}`,
  );

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v1beta1`,
    dataApiUrl,
    publicKey,
    privateKey,
    clusters: clusters.map((cluster) => cluster.id),
    close: () => {
      closing ??= (async () => {
        deployments.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        });
        await store.close();
        await dataPlane.close();
      })();
      return closing;
    },
  };
}
