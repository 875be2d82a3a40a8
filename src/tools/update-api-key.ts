import { z } from "zod";
import { API_KEY_ROLES } from "../client/model.js";
import { defineTool, UPDATES } from "../mcp/tool-definition.js";
import { maskApiKey } from "./mask-api-key.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const updateApiKeyTool = defineTool({
  name: "update_api_key",
  title: "Update API key",
  description: "Change a key's description, role or rate limit.",
  group: "api_keys",
  input: {
    dataAppId: dataAppIdInput,
    apiKeyId: z.string(),
    description: z.string().optional(),
    role: z.enum(API_KEY_ROLES).optional(),
    rateLimitRpm: z.number().int().min(1).max(1000).optional(),
  },
  output: { apiKey: anyObject },
  annotations: UPDATES,
  async run({ dataAppId, apiKeyId, description, role, rateLimitRpm }, { api, signal }) {
    const updated = await api.updateApiKey(
      dataAppId,
      apiKeyId,
      { description, role, rateLimitRpm },
      { signal },
    );
    const apiKey = maskApiKey(updated);
    return { structured: { apiKey }, text: renderJson(apiKey) };
  },
});
