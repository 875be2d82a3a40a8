import { z } from "zod";
import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const getDataSourceTool = defineTool({
  name: "get_data_source",
  title: "Get data source",
  description: "Get one linked cluster of a Data App.",
  group: "data_sources",
  input: { dataAppId: dataAppIdInput, clusterId: z.string() },
  output: { dataSource: anyObject },
  annotations: READ_ONLY,
  async run({ dataAppId, clusterId }, { api, signal }) {
    const dataSource = await api.getDataSource(dataAppId, clusterId, { signal });
    return { structured: { dataSource }, text: renderJson(dataSource) };
  },
});
