import { describe, expect, it } from "vitest";
import { errorFromResponse, type FailedResponse } from "../../src/client/error-mapping.js";

function failed(status: number, body: unknown, headers: FailedResponse["headers"] = {}): FailedResponse {
  return {
    method: "POST",
    path: "/v1beta1/dataApps/a/endpoints",
    status,
    headers,
    bodyText: typeof body === "string" ? body : JSON.stringify(body),
    surface: "management",
  };
}

describe("errorFromResponse", () => {
  it("keeps the service message of a bad request, in the spec's spelling", () => {
    const error = errorFromResponse(
      failed(400, {
        code: 400,
        status: "INVALID_ARGUMENT",
        error: "INVALID_PARAM",
        message: "path must start with /",
        details: [],
      }),
    );
    expect(error.kind).toBe("bad_request");
    expect(error.message).toBe("path must start with /");
    expect(error.code).toBe("INVALID_PARAM");
    expect(error.status).toBe(400);
  });

  it("maps a 400 ALREADY_EXISTS to conflict", () => {
    const error = errorFromResponse(
      failed(400, { code: 400, status: "ALREADY_EXISTS", error: "DUPLICATE", message: "GET /x exists" }),
    );
    expect(error.kind).toBe("conflict");
    expect(error.message).toBe("GET /x exists");
  });

  it("reads the official google.rpc body and the debug trace id", () => {
    const error = errorFromResponse(
      failed(
        404,
        { code: 5, message: "dataApp not found", details: [{ "@type": "x" }] },
        { "x-debug-trace-id": "trace-1" },
      ),
    );
    expect(error.kind).toBe("not_found");
    expect(error.message).toBe("dataApp not found");
    expect(error.code).toBe(5);
    expect(error.details).toEqual([{ "@type": "x" }]);
    expect(error.traceId).toBe("trace-1");
  });

  it("names the key variables on 401", () => {
    const error = errorFromResponse(failed(401, { message: "Invalid credentials" }));
    expect(error.kind).toBe("unauthorized");
    expect(error.message).toContain("TIDB_CLOUD_PUBLIC_KEY");
    expect(error.message).toContain("TIDB_CLOUD_PRIVATE_KEY");
  });

  it("sets retryAfterSeconds on 429 from Retry-After or X-Ratelimit-Reset", () => {
    const official = errorFromResponse(
      failed(
        429,
        {
          details: [],
          code: 49900007,
          message: "The request exceeded the limit of 100 times per apikey per minute.",
        },
        { "x-ratelimit-reset": "23" },
      ),
    );
    expect(official.kind).toBe("rate_limited");
    expect(official.retryAfterSeconds).toBe(23);
    expect(official.code).toBe(49900007);
    expect(official.message).toContain("Retry after 23 seconds");
    expect(errorFromResponse(failed(429, "", { "retry-after": "4" })).retryAfterSeconds).toBe(4);
  });

  it("classifies the other statuses and survives bodies that are not JSON", () => {
    expect(errorFromResponse(failed(403, "nope")).kind).toBe("forbidden");
    expect(errorFromResponse(failed(409, {})).kind).toBe("conflict");
    expect(errorFromResponse(failed(503, "<html>")).kind).toBe("server_error");
    expect(errorFromResponse(failed(408, "")).kind).toBe("timeout");
    const generic = errorFromResponse(failed(418, ""));
    expect(generic.kind).toBe("bad_request");
    expect(generic.message).toContain("HTTP 418");
  });
});
