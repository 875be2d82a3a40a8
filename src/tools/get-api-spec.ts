import { z } from "zod";
import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { dataAppIdInput } from "./shared-schemas.js";

export const getApiSpecTool = defineTool({
  name: "get_api_spec",
  title: "Get OpenAPI spec",
  description: "Get the OpenAPI 3 spec generated for a Data App's deployed endpoints.",
  group: "spec",
  input: { dataAppId: dataAppIdInput, format: z.enum(["json", "yaml"]).default("json") },
  output: { format: z.string(), content: z.string() },
  annotations: READ_ONLY,
  async run({ dataAppId, format }, { api, signal }) {
    const spec = await api.getApiSpec(dataAppId, format, { signal });
    return { structured: { format: spec.format, content: spec.content }, text: spec.content };
  },
});
