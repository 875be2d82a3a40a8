import { DataServiceError } from "../client/errors.js";
import { ToolFailure } from "./tool-definition.js";

/** Which tool lists valid values for each id argument, so a 404 can point the model at it. */
const LIST_TOOL_BY_ID: Record<string, string> = {
  dataAppId: "list_data_apps",
  clusterId: "list_data_sources",
  endpointId: "list_endpoints",
  apiKeyId: "list_api_keys",
  deploymentId: "list_deployments",
};

export const CREDENTIALS_HELP =
  "Set TIDB_CLOUD_PUBLIC_KEY and TIDB_CLOUD_PRIVATE_KEY to a TiDB Cloud organization API key " +
  "(TiDB Cloud console > Organization Settings > API Keys) in the MCP server's environment and restart it, " +
  "or start the server with --local to use the embedded emulator.";

/** Tools whose clusterId names a cluster to link: list_data_sources cannot show it yet. */
const LINKING_TOOLS = new Set(["create_data_app", "create_data_source"]);

export interface FailureContext {
  toolName: string;
  args: Record<string, unknown>;
  /** In --local mode, the clusters that exist. */
  localClusterIds?: readonly string[];
  /** Set with --data-app: the id came from the configuration, and list_data_apps is not offered. */
  scopedDataAppId?: string;
}

/** The one place a thrown error becomes the text of an MCP tool error. Never a stack trace. */
export function describeToolFailure(error: unknown, context: FailureContext): string {
  if (error instanceof ToolFailure) return error.message;
  if (error instanceof DataServiceError) return describeServiceError(error, context);
  if (error instanceof Error && error.name === "AbortError") return "The call was cancelled.";
  return `Unexpected failure in ${context.toolName}: ${error instanceof Error ? error.message : String(error)}`;
}

function describeServiceError(error: DataServiceError, context: FailureContext): string {
  const serviceSays = error.message ? ` The service said: ${error.message}` : "";
  const trace = error.traceId ? ` (trace id ${error.traceId})` : "";
  switch (error.kind) {
    case "not_configured":
      return `The server has no TiDB Cloud credentials. ${CREDENTIALS_HELP}`;
    case "unauthorized":
      return `Authentication failed (401).${serviceSays} ${CREDENTIALS_HELP}`;
    case "forbidden":
      return `Permission denied (403).${serviceSays} The organization API key needs a role with access to this project's Data Service (for example Project Owner), and TIDB_CLOUD_PROJECT_ID must name a project it can reach.`;
    case "not_found":
      return `Not found (404).${serviceSays} ${describeIds(context)}`;
    case "conflict":
      return `Conflict (409).${serviceSays} Something with the same identity already exists or the target is in use; list the existing objects and update or remove them instead.`;
    case "bad_request":
      // The project is no tool argument: only the server's configuration can fix it.
      if (/project/i.test(error.message))
        return `The service rejected the request (400).${serviceSays} The project comes from TIDB_CLOUD_PROJECT_ID in the MCP server's environment: the user must set it to the project's id and restart the server.`;
      return `The service rejected the request (400).${serviceSays}${describeDetails(error.details)} Fix the named field and call ${context.toolName} again.`;
    case "rate_limited": {
      const wait = error.retryAfterSeconds ?? 60;
      return `Rate limited (429) by TiDB Cloud, still after automatic retries. Wait ${wait} seconds, then retry ${context.toolName}; make fewer calls in the meantime.`;
    }
    case "timeout":
      return `The service did not answer in time.${serviceSays} Retry ${context.toolName}; for reads it is safe, for writes list first to check whether the change was applied.`;
    case "network":
      return `Could not reach the service.${serviceSays} Check the network and TIDB_DATASERVICE_API_URL, then retry.`;
    case "server_error":
      if (error.status === 501) return `Not available here (501).${serviceSays}`;
      if (context.localClusterIds)
        return `The local emulator failed (${error.status ?? "5xx"})${trace}.${serviceSays} If that names a configuration problem (such as no database attached), the user must fix it and restart this MCP server; retrying will not help.`;
      return `The service failed (${error.status ?? "5xx"})${trace}.${serviceSays} Retry in a minute; if it persists, the service may be degraded.`;
    case "aborted":
      return "The call was cancelled.";
    case "invalid_response":
      return `The service sent a response this server could not read${trace}.${serviceSays} Retry; if it persists, check TIDB_DATASERVICE_API_URL points at the Data Service API.`;
  }
}

function describeIds(context: FailureContext): string {
  const hints: string[] = [];
  for (const [field, listTool] of Object.entries(LIST_TOOL_BY_ID)) {
    const value = context.args[field];
    if (typeof value !== "string" || value === "") continue;
    if (field === "dataAppId" && context.scopedDataAppId === value) {
      hints.push(
        `dataAppId '${value}' (set by --data-app: if that app is gone, the user must restart the server with another id)`,
      );
      continue;
    }
    const source =
      field === "clusterId" && LINKING_TOOLS.has(context.toolName) ? clusterSource(context) : listTool;
    hints.push(`${field} '${value}' (valid ones: ${source})`);
  }
  if (hints.length === 0) return "Check the ids you passed.";
  return `Check ${hints.join(", ")}.`;
}

function clusterSource(context: FailureContext): string {
  if (context.localClusterIds) return context.localClusterIds.join(", ");
  return "an existing app's clusterIds from list_data_apps, or ask the user";
}

function describeDetails(details: unknown): string {
  if (details === undefined || details === null) return "";
  const text = typeof details === "string" ? details : JSON.stringify(details);
  if (!text || text === "{}" || text === "[]") return "";
  return ` Details: ${text.length > 600 ? `${text.slice(0, 600)}…` : text}`;
}
