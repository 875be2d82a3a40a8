import { collectAllPages } from "../client/collect-pages.js";
import { DELETES, defineTool } from "../mcp/tool-definition.js";
import { confirmationTokenInput, dataAppIdInput } from "./shared-schemas.js";
import { deleteOutput, twoStepDelete } from "./two-step-delete.js";

export const deleteDataAppTool = defineTool({
  name: "delete_data_app",
  title: "Delete Data App",
  description: "Delete a Data App with its endpoints, keys and data source links. Two-step.",
  group: "apps",
  input: { dataAppId: dataAppIdInput, confirmationToken: confirmationTokenInput },
  output: deleteOutput,
  annotations: DELETES,
  async run({ dataAppId, confirmationToken }, context) {
    const { api, signal } = context;
    return twoStepDelete(
      {
        toolName: "delete_data_app",
        target: `Data App ${dataAppId}`,
        targetKey: dataAppId,
        confirmationToken,
        async loadPlan() {
          const [dataApp, dataSources, endpoints, apiKeys] = await Promise.all([
            api.getDataApp(dataAppId, { signal }),
            api.listDataSources(dataAppId, { signal }),
            collectAllPages((pageToken) => api.listEndpoints(dataAppId, { pageToken }, { signal })),
            collectAllPages((pageToken) => api.listApiKeys(dataAppId, { pageToken }, { signal })),
          ]);
          const plan = {
            dataApp: { dataAppId: dataApp.dataAppId, displayName: dataApp.displayName },
            dataSources: dataSources.map((source) => source.clusterId),
            endpoints: endpoints.map(
              (e) => `${e.endpointId} ${e.method} ${e.path}${e.status ? ` (${e.status})` : ""}`,
            ),
            apiKeys: apiKeys.map((key) => `${key.apiKeyId} ${key.publicKey} ${key.role}`),
          };
          const state = {
            dataApp,
            dataSources,
            endpoints,
            apiKeys: apiKeys.map(({ apiKeyId, publicKey, role, description }) => ({
              apiKeyId,
              publicKey,
              role,
              description,
            })),
          };
          return { plan, state };
        },
        remove: () => api.deleteDataApp(dataAppId, { signal }),
      },
      context,
    );
  },
});
