import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiError } from "./api-error.js";
import { AUTH_FAILURE_MESSAGES } from "./auth-messages.js";
import type { DigestAuthenticator } from "./digest-auth.js";
import type { FaultInjector, FaultStatus } from "./faults.js";
import { parseJsonBody, readBody, sendJson, sendText } from "./http-io.js";
import { type RateLimiter, rateLimitHeaders } from "./rate-limiter.js";
import { matchRoute, type Route } from "./router.js";

export interface ManagementApiOptions {
  routes: Route[];
  digest: DigestAuthenticator;
  limiter: RateLimiter;
  faults: FaultInjector | undefined;
  publicKey: string;
  privateKey: string;
  rateLimitRpm: number;
  log(line: string): void;
}

const FAULT_ERRORS: Record<FaultStatus, { status: ApiError["status"]; error: string; message: string }> = {
  429: {
    status: "RESOURCE_EXHAUSTED",
    error: "RATE_LIMIT_EXCEEDED",
    message: "Injected fault: rate limit exceeded. Retry after the time in Retry-After.",
  },
  500: {
    status: "INTERNAL",
    error: "INTERNAL",
    message: "Injected fault: internal error. Retry the request later.",
  },
  502: {
    status: "UNAVAILABLE",
    error: "BAD_GATEWAY",
    message: "Injected fault: bad gateway. Retry the request later.",
  },
  503: {
    status: "UNAVAILABLE",
    error: "SERVICE_UNAVAILABLE",
    message: "Injected fault: service unavailable. Retry the request later.",
  },
  504: {
    status: "UNAVAILABLE",
    error: "GATEWAY_TIMEOUT",
    message: "Injected fault: gateway timeout. Retry later.",
  },
};

/** The route label used in request statistics, e.g. `POST /v1beta1/dataApps`. */
export function managementRouteLabel(routes: Route[], method: string, pathname: string): string {
  const match = matchRoute(routes, method, pathname);
  if (match.kind === "found") return `${method} ${match.route.pattern}`;
  if (match.kind === "method_not_allowed") return `${method} ${match.pattern}`;
  return `${method} (unknown)`;
}

/**
 * One /v1beta1 request: digest authentication, then the rate limit (only
 * authenticated requests count), then injected faults, then the operation.
 */
export async function handleManagementRequest(
  options: ManagementApiOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? "GET";
  // As the real gateway does: lets a user quote one request when reporting a problem.
  res.setHeader("X-Debug-Trace-Id", randomBytes(8).toString("hex"));
  const verdict = options.digest.verify(req.headers.authorization, method, req.url ?? "", (username) =>
    username === options.publicKey ? options.privateKey : undefined,
  );
  if (!verdict.ok) {
    const { error, message } = AUTH_FAILURE_MESSAGES[verdict.reason];
    const body = new ApiError(401, "UNAUTHENTICATED", error, message).toBody();
    sendJson(res, 401, body, {
      ...rateLimitHeaders(options.limiter.peek(options.publicKey, options.rateLimitRpm)),
      "WWW-Authenticate": options.digest.challenges(verdict.reason === "stale"),
    });
    return;
  }
  const decision = options.limiter.take(options.publicKey, options.rateLimitRpm);
  const headers = rateLimitHeaders(decision);
  if (!decision.allowed) {
    const body = new ApiError(
      429,
      "RESOURCE_EXHAUSTED",
      "RATE_LIMIT_EXCEEDED",
      `The request exceeded the limit of ${options.rateLimitRpm} requests per API key per minute. Retry after ${decision.resetSeconds} second(s).`,
    ).toBody();
    sendJson(res, 429, body, { ...headers, "Retry-After": String(decision.resetSeconds) });
    return;
  }
  const fault = options.faults?.take(method, url.pathname);
  if (fault !== undefined) {
    if (fault.kind === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.kind === "status") {
      const { status, error, message } = FAULT_ERRORS[fault.status];
      sendJson(res, fault.status, new ApiError(fault.status, status, error, message).toBody(), {
        ...headers,
        ...(fault.status === 429
          ? { "X-Ratelimit-Remaining-Minute": "0", "Retry-After": String(decision.resetSeconds) }
          : {}),
      });
      return;
    }
  }
  try {
    const match = matchRoute(options.routes, method, url.pathname);
    if (match.kind === "not_found") {
      throw new ApiError(
        404,
        "NOT_FOUND",
        "ROUTE_NOT_FOUND",
        `No operation at ${method} ${url.pathname}. The management API lives under /v1beta1/dataApps.`,
      );
    }
    if (match.kind === "method_not_allowed") {
      headers.Allow = match.allowed.join(", ");
      throw new ApiError(
        405,
        "INVALID_ARGUMENT",
        "METHOD_NOT_ALLOWED",
        `${method} is not supported on ${url.pathname}; use ${match.allowed.join(" or ")}.`,
      );
    }
    // The whole body is in before the handler runs, so a handler never awaits between
    // looking records up and changing them: a concurrent delete cannot slip in between.
    const raw = await readBody(req);
    let parsed: { value: unknown } | undefined;
    const result = await match.route.handler({
      req,
      url,
      params: match.params,
      readJson: async () => {
        parsed ??= { value: parseJsonBody(raw) };
        return parsed.value;
      },
    });
    if (fault?.kind === "reset_after") {
      // The change is made (and durable); only its response is lost.
      req.socket.destroy();
      return;
    }
    if ("text" in result)
      sendText(res, result.status, result.contentType, result.text, { ...headers, ...result.headers });
    else sendJson(res, result.status, result.body, { ...headers, ...result.headers });
  } catch (error) {
    if (res.headersSent || fault?.kind === "reset_after") {
      res.destroy();
      return;
    }
    if (error instanceof ApiError) {
      sendJson(res, error.httpStatus, error.toBody(), headers);
      return;
    }
    options.log(
      `internal error on ${method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
    );
    sendJson(
      res,
      500,
      new ApiError(
        500,
        "INTERNAL",
        "INTERNAL",
        "The emulator failed unexpectedly; see its log. Retry the request.",
      ).toBody(),
      headers,
    );
  }
}
