import { z } from "zod";
import { CREATES, defineTool } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject } from "./shared-schemas.js";

export const createDataAppTool = defineTool({
  name: "create_data_app",
  title: "Create Data App",
  description: "Create a Data App, optionally linking a cluster as its first data source.",
  group: "apps",
  unscopedOnly: true,
  input: {
    displayName: z.string().min(1).max(32),
    description: z.string().optional(),
    clusterId: z.string().optional(),
  },
  output: { dataApp: anyObject },
  annotations: CREATES,
  async run({ displayName, description, clusterId }, { api, signal }) {
    const dataApp = await api.createDataApp({ displayName, description, clusterId }, { signal });
    return {
      structured: { dataApp },
      text: `Created Data App ${dataApp.dataAppId}.\n${renderJson(dataApp)}`,
    };
  },
});
