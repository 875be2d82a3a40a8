import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { DataApiCaller, DataServiceApi } from "./client/api.js";
import { type LocalBackendInfo, serverInstructions } from "./mcp/instructions.js";
import { registerTools, type ToolSelection } from "./mcp/register-tools.js";
import { type DataAppKeyDefaults, FEATURE_GROUPS, type FeatureGroup } from "./mcp/tool-definition.js";
import { packageVersion } from "./mcp/version.js";
import { registerAuthorEndpointPrompt } from "./prompts/author-endpoint.js";
import { registerDataAppResources } from "./resources/data-app-resources.js";
import { TOOL_CATALOG } from "./tools/tool-catalog.generated.js";

export interface ServerOptions {
  api: DataServiceApi;
  dataApi: DataApiCaller;
  /** Hide every tool that changes something; their handlers refuse as well. */
  readOnly?: boolean;
  /** Feature groups to expose; all when omitted. */
  features?: readonly FeatureGroup[];
  /** Scope to one Data App: `dataAppId` disappears from the schemas and is injected. */
  dataAppId?: string;
  /** The Data App key call_endpoint uses when the caller passes none. */
  dataAppKey?: DataAppKeyDefaults;
  /** Set in --local mode: the embedded emulator's clusters and whether it has a database. */
  local?: LocalBackendInfo;
  deployPollIntervalMs?: number;
  deployTimeoutMs?: number;
}

/**
 * Below the 60 s request timeout of SDK-based clients, which do not all extend it on
 * progress: past it the model would lose the deployment id along with the answer.
 */
export const DEFAULT_DEPLOY_TIMEOUT_MS = 50_000;

/** Assembles tools, resources and the prompt; shared by the CLI and the tests. */
export function createServer(options: ServerOptions): McpServer {
  const selection: ToolSelection = {
    readOnly: options.readOnly ?? false,
    features: options.features ?? FEATURE_GROUPS,
    dataAppId: options.dataAppId,
  };
  const server = new McpServer(
    { name: "tidb-dataservice-mcp", title: "TiDB Cloud Data Service", version: packageVersion() },
    {
      instructions: serverInstructions({
        readOnly: selection.readOnly,
        dataAppId: selection.dataAppId,
        local: options.local,
      }),
      capabilities: { completions: {} },
    },
  );
  const tools = {
    catalog: TOOL_CATALOG,
    loadDefinitions: async () => (await import("./tools/index.js")).ALL_TOOLS,
  };
  registerTools(server, tools, selection, {
    api: options.api,
    dataApi: options.dataApi,
    dataAppKey: options.dataAppKey ?? {},
    localClusterIds: options.local?.clusterIds,
    deployPollIntervalMs: options.deployPollIntervalMs ?? 500,
    deployTimeoutMs: options.deployTimeoutMs ?? DEFAULT_DEPLOY_TIMEOUT_MS,
  });
  registerDataAppResources(server, { api: options.api, dataAppId: options.dataAppId });
  registerAuthorEndpointPrompt(server, { api: options.api, dataAppId: options.dataAppId });
  return server;
}
