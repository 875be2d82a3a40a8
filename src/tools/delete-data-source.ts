import { z } from "zod";
import { collectAllPages } from "../client/collect-pages.js";
import { DELETES, defineTool } from "../mcp/tool-definition.js";
import { confirmationTokenInput, dataAppIdInput } from "./shared-schemas.js";
import { deleteOutput, twoStepDelete } from "./two-step-delete.js";

export const deleteDataSourceTool = defineTool({
  name: "delete_data_source",
  title: "Unlink data source",
  description: "Unlink a cluster from a Data App; its endpoints stop working. Two-step.",
  group: "data_sources",
  input: { dataAppId: dataAppIdInput, clusterId: z.string(), confirmationToken: confirmationTokenInput },
  output: deleteOutput,
  annotations: DELETES,
  async run({ dataAppId, clusterId, confirmationToken }, context) {
    const { api, signal } = context;
    return twoStepDelete(
      {
        toolName: "delete_data_source",
        target: `data source ${clusterId} of Data App ${dataAppId}`,
        targetKey: `${dataAppId}/${clusterId}`,
        confirmationToken,
        async loadPlan() {
          const [dataSource, endpoints] = await Promise.all([
            api.getDataSource(dataAppId, clusterId, { signal }),
            collectAllPages((pageToken) => api.listEndpoints(dataAppId, { pageToken }, { signal })),
          ]);
          const dependents = endpoints.filter((endpoint) => endpoint.clusterId === clusterId);
          return {
            plan: {
              dataSource: { clusterId: dataSource.clusterId, clusterName: dataSource.clusterName },
              endpointsUsingIt: dependents.map((e) => `${e.endpointId} ${e.method} ${e.path}`),
            },
            state: { dataSource, dependents },
          };
        },
        remove: () => api.deleteDataSource(dataAppId, clusterId, { signal }),
      },
      context,
    );
  },
});
