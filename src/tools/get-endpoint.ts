import { z } from "zod";
import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const getEndpointTool = defineTool({
  name: "get_endpoint",
  title: "Get endpoint",
  description: "Get one endpoint with its SQL template, params and settings.",
  group: "endpoints",
  input: { dataAppId: dataAppIdInput, endpointId: z.string() },
  output: { endpoint: anyObject },
  annotations: READ_ONLY,
  async run({ dataAppId, endpointId }, { api, signal }) {
    const endpoint = await api.getEndpoint(dataAppId, endpointId, { signal });
    return { structured: { endpoint }, text: renderJson(endpoint) };
  },
});
