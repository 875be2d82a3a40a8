import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./api-error.js";
import type { FaultInjector } from "./faults.js";
import { parseJsonBody, readBody, sendJson } from "./http-io.js";
import type { RequestStats } from "./stats.js";

/**
 * `/_emulator/*`, outside the service's API and without authentication:
 * request statistics (always) and fault injection (only when enabled).
 */
export async function handleControlRequest(
  stats: RequestStats,
  faults: FaultInjector | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  try {
    switch (route) {
      case "GET /_emulator/stats":
        sendJson(res, 200, stats.read());
        return;
      case "POST /_emulator/stats/reset":
        stats.reset();
        sendJson(res, 200, stats.read());
        return;
    }
    if (url.pathname === "/_emulator/faults") {
      if (faults === undefined) {
        throw new ApiError(
          404,
          "NOT_FOUND",
          "FAULT_INJECTION_DISABLED",
          "Fault injection is off. Start the emulator with --allow-fault-injection (allowFaultInjection: true) to use /_emulator/faults.",
        );
      }
      if (req.method === "POST") {
        const fault = faults.add(parseJsonBody(await readBody(req)));
        sendJson(res, 200, { fault, pending: faults.pending() });
        return;
      }
      if (req.method === "DELETE") {
        faults.clear();
        sendJson(res, 200, { pending: [] });
        return;
      }
      if (req.method === "GET") {
        sendJson(res, 200, { pending: faults.pending() });
        return;
      }
      throw new ApiError(
        405,
        "INVALID_ARGUMENT",
        "METHOD_NOT_ALLOWED",
        "Use GET, POST or DELETE on /_emulator/faults.",
      );
    }
    throw new ApiError(
      404,
      "NOT_FOUND",
      "ROUTE_NOT_FOUND",
      "Unknown emulator control route. Available: GET /_emulator/stats, POST /_emulator/stats/reset, POST|DELETE /_emulator/faults.",
    );
  } catch (error) {
    if (error instanceof ApiError) sendJson(res, error.httpStatus, error.toBody());
    else sendJson(res, 500, new ApiError(500, "INTERNAL", "INTERNAL", String(error)).toBody());
  }
}
