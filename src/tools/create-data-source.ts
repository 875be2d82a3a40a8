import { z } from "zod";
import { defineTool } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const createDataSourceTool = defineTool({
  name: "create_data_source",
  title: "Link data source",
  description: "Link a TiDB cluster to a Data App so endpoints can query it.",
  group: "data_sources",
  input: { dataAppId: dataAppIdInput, clusterId: z.string() },
  output: { dataSource: anyObject },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run({ dataAppId, clusterId }, { api, signal }) {
    const dataSource = await api.createDataSource(dataAppId, clusterId, { signal });
    return { structured: { dataSource }, text: `Linked cluster ${clusterId}.\n${renderJson(dataSource)}` };
  },
});
