import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderPage } from "./render.js";
import { pageOutput, pageSizeInput, pageTokenInput } from "./shared-schemas.js";

export const listDataAppsTool = defineTool({
  name: "list_data_apps",
  title: "List Data Apps",
  description: "List the project's Data Apps.",
  group: "apps",
  unscopedOnly: true,
  input: { pageSize: pageSizeInput, pageToken: pageTokenInput },
  output: pageOutput,
  annotations: READ_ONLY,
  async run({ pageSize, pageToken }, { api, signal }) {
    const page = await api.listDataApps({ pageSize, pageToken }, { signal });
    return { structured: page, text: renderPage("Data Apps", page) };
  },
});
