import { Agent } from "undici";
import type { DataApiCall, DataApiCaller, DataApiResponse } from "./api.js";
import { errorFromResponse } from "./error-mapping.js";
import { DataServiceError } from "./errors.js";
import type { ClientLogger } from "./log-event.js";
import type { RequestOptions } from "./model.js";
import { isRunResultEnvelope, normaliseRunResult } from "./normalise.js";
import { type AuthMode, RequestExecutor } from "./request-executor.js";
import { DEFAULT_RETRY } from "./retry-policy.js";

export interface DataApiCallerConfig {
  /** e.g. `http://127.0.0.1:PORT/api/v1beta` or `https://data.tidbcloud.com/api/v1beta`. */
  baseUrl: string;
  /** Per request, default 30000. */
  timeoutMs?: number;
  /** Default `digest`; falls back to Basic when that is all the server offers. */
  auth?: "basic" | "digest";
  log?: ClientLogger;
  /** Bound on waiting out the data API's 429s, default 0: report them at once (the key's limit is the caller's to manage). */
  maxRateLimitWaitMs?: number;
}

function encodeParam(value: unknown): string {
  // ARRAY parameters travel as a comma-separated list.
  if (Array.isArray(value)) return value.map(encodeParam).join(",");
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function encodeSegment(part: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(part));
  } catch {
    // Not percent-encoded (a stray `%`): encode it as it stands.
    return encodeURIComponent(part);
  }
}

function encodePath(path: string): string {
  return path.replace(/^\/+/, "").split("/").map(encodeSegment).join("/");
}

/**
 * An endpoint runs whatever SQL its author wrote, whatever its method: a PUT
 * or DELETE that failed after reaching the service may have changed data, so
 * only GET (read endpoints, the only ones the service caches) is sent again.
 */
const DATA_API_RETRY = { ...DEFAULT_RETRY, idempotentMethods: ["GET"] };

/**
 * Calls endpoints of Data Apps through the data API, one executor (and so one
 * Digest challenge cache) per Data App key.
 */
export function createDataApiCaller(config: DataApiCallerConfig): DataApiCaller & { close(): Promise<void> } {
  const base = new URL(config.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const dispatcher = new Agent({ keepAliveTimeout: 4_000, connections: 16 });
  const executors = new Map<string, RequestExecutor>();
  const auth: AuthMode = config.auth ?? "digest";
  let closed = false;

  function executorFor(publicKey: string, privateKey: string): RequestExecutor {
    const key = `${publicKey}\u0000${privateKey}`;
    let executor = executors.get(key);
    if (executor === undefined) {
      executor = new RequestExecutor({
        origin: base.origin,
        dispatcher,
        credentials: { username: publicKey, password: privateKey },
        auth,
        timeoutMs: config.timeoutMs ?? 30_000,
        retry: DATA_API_RETRY,
        maxRateLimitWaitMs: config.maxRateLimitWaitMs ?? 0,
        log: config.log,
      });
      executors.set(key, executor);
    }
    return executor;
  }

  async function call(request: DataApiCall, options?: RequestOptions): Promise<DataApiResponse> {
    if (closed) {
      throw new DataServiceError({ kind: "not_configured", message: "The data API caller is closed." });
    }
    const endpointPath = `${basePath}/app/${encodeURIComponent(request.dataAppId)}/endpoint/${encodePath(request.path)}`;
    const params = request.params ?? {};
    const inQuery = request.method === "GET" || request.method === "DELETE";
    let target = endpointPath;
    if (inQuery) {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(params)) {
        if (value !== undefined) query.set(name, encodeParam(value));
      }
      const text = query.toString();
      if (text !== "") target += `?${text}`;
    }
    const headers: Record<string, string> = {};
    if (request.draft) headers["endpoint-type"] = "draft";
    const response = await executorFor(request.publicKey, request.privateKey).send({
      method: request.method,
      target,
      body: inQuery ? undefined : JSON.stringify(params),
      headers,
      signal: options?.signal,
    });
    let body: unknown;
    try {
      body = JSON.parse(response.bodyText);
    } catch {
      body = undefined;
    }
    // Failures the endpoint itself reports (bad params, SQL errors) keep their envelope;
    // authentication, rate limits and gateway errors become DataServiceErrors.
    const isGatewayFailure = response.status === 401 || response.status === 403 || response.status === 429;
    if (!isGatewayFailure && isRunResultEnvelope(body)) {
      return { httpStatus: response.status, body: normaliseRunResult(body) };
    }
    if (response.status >= 200 && response.status < 300) {
      throw new DataServiceError({
        kind: "invalid_response",
        message: `The data API answered ${request.method} ${endpointPath} without its {type, data} envelope. Check that baseUrl points at the data API (…/api/v1beta).`,
        status: response.status,
        method: request.method,
        path: endpointPath,
      });
    }
    throw errorFromResponse({
      method: request.method,
      path: endpointPath,
      status: response.status,
      headers: response.headers,
      bodyText: response.bodyText,
      surface: "data",
    });
  }

  return {
    call,
    async close() {
      closed = true;
      executors.clear();
      await dispatcher.close();
    },
  };
}
