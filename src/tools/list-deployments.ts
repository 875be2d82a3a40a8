import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderPage } from "./render.js";
import { dataAppIdInput, pageOutput, pageSizeInput, pageTokenInput } from "./shared-schemas.js";

export const listDeploymentsTool = defineTool({
  name: "list_deployments",
  title: "List deployments",
  description: "List a Data App's deployment history.",
  group: "deployments",
  input: { dataAppId: dataAppIdInput, pageSize: pageSizeInput, pageToken: pageTokenInput },
  output: pageOutput,
  annotations: READ_ONLY,
  async run({ dataAppId, pageSize, pageToken }, { api, signal }) {
    const page = await api.listDeployments(dataAppId, { pageSize, pageToken }, { signal });
    // Compact: the deployed endpoints of each deployment are a get_deployment away.
    const compact = {
      ...page,
      items: page.items.map(({ endpoints, ...deployment }) => ({
        ...deployment,
        endpointCount: endpoints?.length ?? 0,
      })),
    };
    return { structured: compact, text: renderPage("deployments", compact) };
  },
});
