import { Agent } from "undici";
import type { DataServiceApi } from "./api.js";
import type { Clock } from "./clock.js";
import { DataServiceError } from "./errors.js";
import type { ClientLogEvent } from "./log-event.js";
import { ManagementApi } from "./management-api.js";
import { RequestExecutor } from "./request-executor.js";
import { DEFAULT_RETRY, type RetryOptions } from "./retry-policy.js";
import { Throttle } from "./throttle.js";

export * from "./api.js";
export { createDataApiCaller, type DataApiCallerConfig } from "./data-api-caller.js";
export * from "./errors.js";
export type { ClientLogEvent } from "./log-event.js";
export * from "./model.js";

export const DEFAULT_BASE_URL = "https://dataservice.tidbapi.com/v1beta1";

export interface DataServiceClientConfig {
  /** Default https://dataservice.tidbapi.com/v1beta1. */
  baseUrl?: string;
  publicKey: string;
  privateKey: string;
  /** Sent as `?projectId=` on list and create when set (the official API requires it). */
  projectId?: string;
  /** Per request, default 30000. */
  timeoutMs?: number;
  /** Default 100, the service's limit per key. */
  rateLimitRpm?: number;
  /** Default 60000 (tests shrink it). */
  rateLimitWindowMs?: number;
  /** Requests in flight at once, default 8. */
  maxConcurrency?: number;
  /** Bound on the total time one call waits out 429s, default 60000. */
  maxRateLimitWaitMs?: number;
  /** Retries of safe requests after 502/503/504 and network errors. */
  retry?: Partial<RetryOptions>;
  /** Never receives secrets: methods, paths, statuses and timings only. */
  log?: (event: ClientLogEvent) => void;
  /** For tests: the throttle's clock. */
  clock?: Clock;
}

export interface DataServiceClient extends DataServiceApi {
  close(): Promise<void>;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new DataServiceError({
      kind: "not_configured",
      message: `${name} must be a positive number, got ${value}.`,
    });
  }
  return value;
}

/** The one client every tool shares: digest auth, throttling and retries under typed operations. */
export function createDataServiceClient(config: DataServiceClientConfig): DataServiceClient {
  if (!config.publicKey || !config.privateKey) {
    throw new DataServiceError({
      kind: "not_configured",
      message:
        "TiDB Cloud API keys are missing. Set TIDB_CLOUD_PUBLIC_KEY and TIDB_CLOUD_PRIVATE_KEY to an organization API key pair (TiDB Cloud console > Organization Settings > API Keys).",
    });
  }
  let base: URL;
  try {
    base = new URL(config.baseUrl ?? DEFAULT_BASE_URL);
  } catch {
    throw new DataServiceError({
      kind: "not_configured",
      message: `The base URL '${config.baseUrl}' is not a valid URL. Use for example ${DEFAULT_BASE_URL}.`,
    });
  }
  const maxConcurrency = Math.floor(positive(config.maxConcurrency, 8, "maxConcurrency"));
  const throttle = new Throttle({
    limit: Math.floor(positive(config.rateLimitRpm, 100, "rateLimitRpm")),
    windowMs: positive(config.rateLimitWindowMs, 60_000, "rateLimitWindowMs"),
    maxConcurrency,
    clock: config.clock,
  });
  const dispatcher = new Agent({ keepAliveTimeout: 4_000, connections: maxConcurrency });
  const executor = new RequestExecutor({
    origin: base.origin,
    dispatcher,
    credentials: { username: config.publicKey, password: config.privateKey },
    auth: "digest",
    timeoutMs: positive(config.timeoutMs, 30_000, "timeoutMs"),
    retry: { ...DEFAULT_RETRY, ...config.retry },
    maxRateLimitWaitMs: config.maxRateLimitWaitMs ?? 60_000,
    throttle,
    log: config.log,
    clock: config.clock,
  });
  const api = new ManagementApi(executor, base.pathname.replace(/\/+$/, ""), config.projectId || undefined);
  return Object.assign(api, {
    async close() {
      throttle.close(
        new DataServiceError({ kind: "aborted", message: "The Data Service client was closed." }),
      );
      await dispatcher.close();
    },
  });
}
