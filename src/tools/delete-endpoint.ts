import { z } from "zod";
import { DELETES, defineTool } from "../mcp/tool-definition.js";
import { confirmationTokenInput, dataAppIdInput } from "./shared-schemas.js";
import { deleteOutput, twoStepDelete } from "./two-step-delete.js";

export const deleteEndpointTool = defineTool({
  name: "delete_endpoint",
  title: "Delete endpoint",
  description: "Delete an endpoint. Two-step.",
  group: "endpoints",
  input: { dataAppId: dataAppIdInput, endpointId: z.string(), confirmationToken: confirmationTokenInput },
  output: deleteOutput,
  annotations: DELETES,
  async run({ dataAppId, endpointId, confirmationToken }, context) {
    const { api, signal } = context;
    return twoStepDelete(
      {
        toolName: "delete_endpoint",
        target: `endpoint ${endpointId} of Data App ${dataAppId}`,
        targetKey: `${dataAppId}/${endpointId}`,
        confirmationToken,
        async loadPlan() {
          const endpoint = await api.getEndpoint(dataAppId, endpointId, { signal });
          return {
            plan: {
              endpoint: {
                endpointId: endpoint.endpointId,
                method: endpoint.method,
                path: endpoint.path,
                displayName: endpoint.displayName,
                status: endpoint.status,
              },
            },
            state: endpoint,
          };
        },
        remove: () => api.deleteEndpoint(dataAppId, endpointId, { signal }),
      },
      context,
    );
  },
});
