import { z } from "zod";
import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { maskApiKey } from "./mask-api-key.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const getApiKeyTool = defineTool({
  name: "get_api_key",
  title: "Get API key",
  description: "Get one Data App API key (private key masked).",
  group: "api_keys",
  input: { dataAppId: dataAppIdInput, apiKeyId: z.string() },
  output: { apiKey: anyObject },
  annotations: READ_ONLY,
  async run({ dataAppId, apiKeyId }, { api, signal }) {
    const apiKey = maskApiKey(await api.getApiKey(dataAppId, apiKeyId, { signal }));
    return { structured: { apiKey }, text: renderJson(apiKey) };
  },
});
