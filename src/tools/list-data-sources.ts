import { z } from "zod";
import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const listDataSourcesTool = defineTool({
  name: "list_data_sources",
  title: "List data sources",
  description: "List the clusters linked to a Data App.",
  group: "data_sources",
  input: { dataAppId: dataAppIdInput },
  output: { items: z.array(anyObject) },
  annotations: READ_ONLY,
  async run({ dataAppId }, { api, signal }) {
    const items = await api.listDataSources(dataAppId, { signal });
    return { structured: { items }, text: `${items.length} data sources.\n${renderJson(items)}` };
  },
});
