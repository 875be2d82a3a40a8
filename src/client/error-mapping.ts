import { DataServiceError, type DataServiceErrorKind } from "./errors.js";
import { firstHeader, rateLimitDelayMs } from "./retry-policy.js";

// The one place that turns an HTTP failure into a DataServiceError. It reads
// both error spellings: the spec's `{code, status, error, message, details}`
// and the official API's google.rpc `{code, message, details}`.

export type ApiSurface = "management" | "data";

export interface FailedResponse {
  method: string;
  /** Path without host or query. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  surface: ApiSurface;
}

interface ServiceErrorBody {
  code?: number | string;
  status?: string;
  error?: string;
  message?: string;
  details?: unknown;
}

function readServiceError(bodyText: string): ServiceErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const body = parsed as Record<string, unknown>;
  const result: ServiceErrorBody = {};
  if (typeof body.code === "number" || typeof body.code === "string") result.code = body.code;
  if (typeof body.status === "string") result.status = body.status;
  if (typeof body.error === "string") result.error = body.error;
  if (typeof body.message === "string") result.message = body.message;
  if (body.details !== undefined) result.details = body.details;
  // The data API wraps errors in its envelope: data.result.{code,message}.
  const data = body.data;
  if (result.message === undefined && typeof data === "object" && data !== null) {
    const inner = (data as Record<string, unknown>).result;
    if (typeof inner === "object" && inner !== null) {
      const { code, message } = inner as Record<string, unknown>;
      if (typeof message === "string") result.message = message;
      if (typeof code === "number" || typeof code === "string") result.code = code;
    }
  }
  return result;
}

function kindFor(status: number, serviceStatus: string | undefined): DataServiceErrorKind {
  if (serviceStatus === "ALREADY_EXISTS" || status === 409) return "conflict";
  if (status === 400 || status === 422) return "bad_request";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 408) return "timeout";
  if (status >= 500) return "server_error";
  return "bad_request";
}

function retryAfterSeconds(headers: FailedResponse["headers"]): number | undefined {
  const delayMs = rateLimitDelayMs(headers, Date.now());
  return delayMs === undefined ? undefined : Math.ceil(delayMs / 1000);
}

function messageFor(
  kind: DataServiceErrorKind,
  failed: FailedResponse,
  service: ServiceErrorBody,
  retryAfter?: number,
) {
  const said = service.message?.trim();
  const where = `${failed.method} ${failed.path}`;
  switch (kind) {
    case "unauthorized":
      return failed.surface === "management"
        ? `TiDB Cloud rejected the API key (HTTP 401 on ${where}). Check TIDB_CLOUD_PUBLIC_KEY and TIDB_CLOUD_PRIVATE_KEY: they must be an organization API key pair with access to Data Service.${said ? ` The service said: ${said}` : ""}`
        : `The data API rejected the Data App API key (HTTP 401 on ${where}). Check the public and private key of a key created for this Data App.${said ? ` The service said: ${said}` : ""}`;
    case "forbidden":
      return `${said ?? "Permission denied."} (HTTP 403 on ${where}). The API key lacks the role this operation needs: use a key with the right role or project.`;
    case "rate_limited":
      return `${said ?? "Rate limit exceeded."} Retry after ${retryAfter ?? "a few"} seconds.`;
    case "server_error":
      return `${said ?? `TiDB Cloud Data Service failed with HTTP ${failed.status}.`} (${where})${failed.status === 501 ? "" : " Try again later."}`;
    default:
      return said ?? `HTTP ${failed.status} on ${where}.`;
  }
}

export function errorFromResponse(failed: FailedResponse): DataServiceError {
  const service = readServiceError(failed.bodyText);
  const kind = kindFor(failed.status, service.status);
  const retryAfter = kind === "rate_limited" ? (retryAfterSeconds(failed.headers) ?? 60) : undefined;
  return new DataServiceError({
    kind,
    message: messageFor(kind, failed, service, retryAfter),
    status: failed.status,
    code: service.error ?? service.code,
    details: service.details,
    traceId: firstHeader(failed.headers["x-debug-trace-id"]),
    retryAfterSeconds: retryAfter,
    method: failed.method,
    path: failed.path,
  });
}
