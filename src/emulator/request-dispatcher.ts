import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./api-error.js";
import { handleControlRequest } from "./control-api.js";
import type { DataPlane } from "./data-plane.js";
import type { FaultInjector } from "./faults.js";
import { sendJson } from "./http-io.js";
import {
  handleManagementRequest,
  type ManagementApiOptions,
  managementRouteLabel,
} from "./management-api.js";
import type { RequestStats } from "./stats.js";

export interface DispatcherParts {
  management: ManagementApiOptions;
  dataPlane: DataPlane;
  stats: RequestStats;
  faults: FaultInjector | undefined;
}

const DATA_API_PREFIX = "/api/v1beta/";

/**
 * Sends each request to its API: `/_emulator` control, `/v1beta1`
 * management, `/api/v1beta` data; counts every request but the control ones.
 */
export function createRequestDispatcher(parts: DispatcherParts) {
  const { management, dataPlane, stats, faults } = parts;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/_emulator/")) {
      await handleControlRequest(stats, faults, req, res, url);
      return;
    }
    const isManagement = url.pathname === "/v1beta1" || url.pathname.startsWith("/v1beta1/");
    const isDataApi = url.pathname.startsWith(DATA_API_PREFIX);
    let route = `${method} (unknown)`;
    if (isManagement) route = managementRouteLabel(management.routes, method, url.pathname);
    else if (isDataApi) route = `${method} /api/v1beta`;
    res.on("close", () => stats.record(route, res.headersSent ? res.statusCode : "reset"));
    if (isManagement) {
      await handleManagementRequest(management, req, res, url);
    } else if (isDataApi) {
      await dataPlane.handle(req, res, url);
    } else {
      const error = new ApiError(
        404,
        "NOT_FOUND",
        "ROUTE_NOT_FOUND",
        `Nothing at ${url.pathname}. The management API is under /v1beta1, the data API under /api/v1beta.`,
      );
      sendJson(res, 404, error.toBody());
    }
  };
}
