import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const getDataAppTool = defineTool({
  name: "get_data_app",
  title: "Get Data App",
  description: "Get one Data App.",
  group: "apps",
  input: { dataAppId: dataAppIdInput },
  output: { dataApp: anyObject },
  annotations: READ_ONLY,
  async run({ dataAppId }, { api, signal }) {
    const dataApp = await api.getDataApp(dataAppId, { signal });
    return { structured: { dataApp }, text: renderJson(dataApp) };
  },
});
