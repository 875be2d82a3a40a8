import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorStoreView } from "../data-plane.js";
import { decodePathSegment, MAX_BODY_BYTES, readBodyWithinLimit, sendJson } from "../http-io.js";
import { RateLimiter, rateLimitHeaders } from "../rate-limiter.js";
import type { EndpointRecord } from "../records.js";
import type { ClusterDatabases } from "./cluster-databases.js";
import { type CallOutcome, dataApiBody, failure, internalFailure, paramCheckFailure } from "./envelope.js";
import type { KeyAuthResult } from "./key-auth.js";
import { commaListItems } from "./param-values.js";
import type { ResponseCache } from "./response-cache.js";
import { pathParamNames, routeEndpoint } from "./route-endpoint.js";
import { type EndpointCall, type Pagination, runEndpoint } from "./run-endpoint.js";
import { templateStatements } from "./sql-statements.js";

const DATA_API_PATH = /^\/api\/v1beta\/app\/([^/]+)\/endpoint(\/.*)$/;
const EXPIRED_KEY_CODE = 49900002;
const RATE_LIMITED_CODE = 49900007;

export interface DataApiHandlerDeps {
  store: EmulatorStoreView;
  databases: ClusterDatabases;
  cache: ResponseCache;
  authenticate: (req: IncomingMessage) => KeyAuthResult;
  challenges: (stale: boolean) => string[];
  limiter?: RateLimiter;
  now?: () => number;
}

function send(
  res: ServerResponse,
  outcome: CallOutcome,
  headers: Record<string, string | string[]> = {},
): void {
  sendJson(res, outcome.status, dataApiBody(outcome), headers);
}

function queryValues(url: URL): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const name of new Set(url.searchParams.keys())) {
    if (name === "page" || name === "page_size") continue;
    const all = url.searchParams.getAll(name);
    // Repeated keys of an ARRAY may each hold a comma list: `?ids=1,2&ids=3`.
    values.set(name, all.length === 1 ? all[0] : all.flatMap(commaListItems));
  }
  return values;
}

function limiterKey(publicKey: string): string {
  return `data-api-key:${publicKey}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type BodyItems = { ok: true; items: Map<string, unknown>[] } | { ok: false; outcome: CallOutcome };

function bodyItems(text: string, batch: boolean): BodyItems {
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return {
      ok: false,
      outcome: paramCheckFailure(
        "the request body is not valid JSON. Send a JSON object with content-type: application/json",
      ),
    };
  }
  if (batch) {
    const list = Array.isArray(body) ? body : isPlainObject(body) ? body.items : undefined;
    if (!Array.isArray(list) || !list.every(isPlainObject)) {
      return {
        ok: false,
        outcome: paramCheckFailure(
          'a batch endpoint takes {"items": [{...}, ...]} or a JSON array of objects',
        ),
      };
    }
    return { ok: true, items: list.map((item) => new Map(Object.entries(item))) };
  }
  if (!isPlainObject(body)) {
    return {
      ok: false,
      outcome: paramCheckFailure("the request body must be a JSON object of parameter values"),
    };
  }
  return { ok: true, items: [new Map(Object.entries(body))] };
}

function positiveInteger(text: string | null): number | undefined | null {
  if (text === null) return undefined;
  return /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : null;
}

type PaginationResult = { ok: true; pagination?: Pagination } | { ok: false; outcome: CallOutcome };

function pagination(url: URL, endpoint: EndpointRecord): PaginationResult {
  const page = positiveInteger(url.searchParams.get("page"));
  const pageSize = positiveInteger(url.searchParams.get("page_size"));
  if (page === undefined && pageSize === undefined) return { ok: true };
  const lastKind = templateStatements(endpoint.sqlTemplate).at(-1)?.kind;
  // Pagination applies only to GET endpoints with it enabled whose last statement is a SELECT.
  if (endpoint.method !== "GET" || !endpoint.settings.paginationEnabled || lastKind !== "SELECT")
    return { ok: true };
  if (page === null) return { ok: false, outcome: paramCheckFailure("page must be a positive integer") };
  if (pageSize === null)
    return { ok: false, outcome: paramCheckFailure("page_size must be a positive integer") };
  const { rowLimit } = endpoint.settings;
  if (pageSize !== undefined && pageSize > rowLimit) {
    return {
      ok: false,
      outcome: paramCheckFailure(`page_size ${pageSize} exceeds the endpoint's row limit ${rowLimit}`),
    };
  }
  return { ok: true, pagination: { page: page ?? 1, pageSize: pageSize ?? rowLimit } };
}

function cacheKey(call: EndpointCall, draft: boolean, url: URL): string {
  const query = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    call.endpoint.dataAppId,
    call.endpoint.endpointId,
    call.endpoint.revision,
    draft,
    call.readOnly,
    url.pathname,
    query,
  ]);
}

/** Serves one data API request: auth, key checks, rate limit, routing, parameters, cache, execution. */
export function createDataApiHandler(deps: DataApiHandlerDeps) {
  const now = deps.now ?? Date.now;
  const limiter = deps.limiter ?? new RateLimiter(60_000, now);

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await serve(req, res, url);
    } catch (error) {
      // Answer in the data API's envelope rather than the management API's error shape.
      if (res.headersSent) throw error;
      send(res, internalFailure(error instanceof Error ? error.message : String(error)));
    }
  };

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const auth = deps.authenticate(req);
    if (!auth.ok) {
      // Drain the body so the answer can use this connection.
      req.resume();
      send(res, failure(401, 401, "auth failed", ""), { "WWW-Authenticate": deps.challenges(auth.stale) });
      return;
    }
    const { key } = auth;
    const expireTime = key.expireTime === undefined ? undefined : Date.parse(key.expireTime);
    if (expireTime !== undefined && expireTime <= now()) {
      req.resume();
      send(
        res,
        failure(401, EXPIRED_KEY_CODE, "API Key is no longer valid", ""),
        rateLimitHeaders(limiter.peek(limiterKey(key.publicKey), key.rateLimitRpm)),
      );
      return;
    }
    const decision = limiter.take(limiterKey(key.publicKey), key.rateLimitRpm);
    const headers = rateLimitHeaders(decision);
    const reply = (outcome: CallOutcome) => send(res, outcome, headers);
    if (!decision.allowed) {
      req.resume();
      reply(
        failure(
          429,
          RATE_LIMITED_CODE,
          `API key rate limit exceeded. This key allows ${key.rateLimitRpm} requests per minute; wait ${decision.resetSeconds}s or raise the key's rateLimitRpm (up to 1000).`,
          "",
        ),
      );
      return;
    }
    const match = DATA_API_PATH.exec(url.pathname);
    const dataAppId = match === null ? undefined : decodePathSegment(match[1] ?? "");
    if (match === null || dataAppId !== key.dataAppId) {
      req.resume();
      // A key only opens its own Data App.
      reply(
        match === null ? failure(404, 404, "endpoint not found", "") : failure(401, 401, "auth failed", ""),
      );
      return;
    }
    const draft = String(req.headers["endpoint-type"] ?? "").toLowerCase() === "draft";
    const endpoints = draft
      ? deps.store.listDraftEndpoints(dataAppId)
      : deps.store.listLiveEndpoints(dataAppId);
    const route = routeEndpoint(endpoints, method, match[2] ?? "/");
    if (route.kind !== "found") {
      req.resume();
      reply(
        route.kind === "not-found"
          ? failure(404, 404, "endpoint not found", "")
          : failure(405, 405, "method not allowed", ""),
      );
      return;
    }
    const { endpoint } = route;
    let items: Map<string, unknown>[];
    if (method === "POST" || method === "PUT") {
      const body = await readBodyWithinLimit(req);
      if (body === undefined) {
        reply(paramCheckFailure(`the request body exceeds ${MAX_BODY_BYTES} bytes`));
        return;
      }
      const parsed = bodyItems(body.toString("utf8"), endpoint.batchOperation);
      if (!parsed.ok) {
        reply(parsed.outcome);
        return;
      }
      items = parsed.items;
    } else {
      req.resume();
      items = [queryValues(url)];
    }
    for (const item of items) for (const [name, value] of route.pathParams) item.set(name, value);
    const paging = pagination(url, endpoint);
    if (!paging.ok) {
      reply(paging.outcome);
      return;
    }
    const call: EndpointCall = {
      endpoint,
      items,
      batch: endpoint.batchOperation && (method === "POST" || method === "PUT"),
      pathParamNames: pathParamNames(endpoint),
      readOnly: key.role === "READ_ONLY",
      pagination: paging.pagination,
    };
    const cacheable = method === "GET" && endpoint.settings.cacheEnabled && endpoint.settings.cacheTtl > 0;
    const keyForCache = cacheable ? cacheKey(call, draft, url) : "";
    const cached = cacheable ? deps.cache.get(keyForCache) : undefined;
    if (cached !== undefined) {
      reply(cached);
      return;
    }
    const outcome = await runEndpoint(call, deps.databases);
    if (cacheable && outcome.status === 200 && outcome.code === 200) {
      deps.cache.set(keyForCache, outcome, endpoint.settings.cacheTtl);
    }
    reply(outcome);
  }
}
