import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderPage } from "./render.js";
import { dataAppIdInput, pageOutput, pageSizeInput, pageTokenInput } from "./shared-schemas.js";

export const listEndpointsTool = defineTool({
  name: "list_endpoints",
  title: "List endpoints",
  description: "List a Data App's endpoints (id, method, path, status). get_endpoint shows SQL and params.",
  group: "endpoints",
  input: { dataAppId: dataAppIdInput, pageSize: pageSizeInput, pageToken: pageTokenInput },
  output: pageOutput,
  annotations: READ_ONLY,
  async run({ dataAppId, pageSize, pageToken }, { api, signal }) {
    const page = await api.listEndpoints(dataAppId, { pageSize, pageToken }, { signal });
    const compact = {
      items: page.items.map(({ endpointId, displayName, method, path, status, clusterId }) => ({
        endpointId,
        displayName,
        method,
        path,
        status,
        clusterId,
      })),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
    return { structured: compact, text: renderPage("endpoints", compact) };
  },
});
