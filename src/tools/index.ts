import type { AnyToolDefinition } from "../mcp/tool-definition.js";
import { callEndpointTool } from "./call-endpoint.js";
import { createApiKeyTool } from "./create-api-key.js";
import { createDataAppTool } from "./create-data-app.js";
import { createDataSourceTool } from "./create-data-source.js";
import { createEndpointTool } from "./create-endpoint.js";
import { deleteApiKeyTool } from "./delete-api-key.js";
import { deleteDataAppTool } from "./delete-data-app.js";
import { deleteDataSourceTool } from "./delete-data-source.js";
import { deleteEndpointTool } from "./delete-endpoint.js";
import { deployDataAppTool } from "./deploy-data-app.js";
import { getApiKeyTool } from "./get-api-key.js";
import { getApiSpecTool } from "./get-api-spec.js";
import { getDataAppTool } from "./get-data-app.js";
import { getDataSourceTool } from "./get-data-source.js";
import { getDeploymentTool } from "./get-deployment.js";
import { getEndpointTool } from "./get-endpoint.js";
import { lintSqlTemplateTool } from "./lint-sql-template.js";
import { listApiKeysTool } from "./list-api-keys.js";
import { listDataAppsTool } from "./list-data-apps.js";
import { listDataSourcesTool } from "./list-data-sources.js";
import { listDeploymentsTool } from "./list-deployments.js";
import { listEndpointsTool } from "./list-endpoints.js";
import { testEndpointTool } from "./test-endpoint.js";
import { updateApiKeyTool } from "./update-api-key.js";
import { updateDataAppTool } from "./update-data-app.js";
import { updateEndpointTool } from "./update-endpoint.js";

/** Every tool, in the order tools/list shows them (grouped by feature). */
export const ALL_TOOLS: readonly AnyToolDefinition[] = [
  listDataAppsTool,
  getDataAppTool,
  createDataAppTool,
  updateDataAppTool,
  deleteDataAppTool,
  listDataSourcesTool,
  getDataSourceTool,
  createDataSourceTool,
  deleteDataSourceTool,
  lintSqlTemplateTool,
  listEndpointsTool,
  getEndpointTool,
  createEndpointTool,
  updateEndpointTool,
  deleteEndpointTool,
  testEndpointTool,
  callEndpointTool,
  listApiKeysTool,
  getApiKeyTool,
  createApiKeyTool,
  updateApiKeyTool,
  deleteApiKeyTool,
  listDeploymentsTool,
  getDeploymentTool,
  deployDataAppTool,
  getApiSpecTool,
];
