import { z } from "zod";
import { defineTool, UPDATES } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const updateDataAppTool = defineTool({
  name: "update_data_app",
  title: "Update Data App",
  description: "Rename a Data App or change its description.",
  group: "apps",
  input: {
    dataAppId: dataAppIdInput,
    displayName: z.string().min(1).max(32).optional(),
    description: z.string().optional(),
  },
  output: { dataApp: anyObject },
  annotations: UPDATES,
  async run({ dataAppId, displayName, description }, { api, signal }) {
    const dataApp = await api.updateDataApp(dataAppId, { displayName, description }, { signal });
    return { structured: { dataApp }, text: renderJson(dataApp) };
  },
});
