import { z } from "zod";
import { API_KEY_ROLES } from "../client/model.js";
import { CREATES, defineTool } from "../mcp/tool-definition.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const createApiKeyTool = defineTool({
  name: "create_api_key",
  title: "Create API key",
  description: "Create a Data App API key for calling endpoints. The private key is shown only once.",
  group: "api_keys",
  input: {
    dataAppId: dataAppIdInput,
    role: z.enum(API_KEY_ROLES).default("READ_ONLY"),
    description: z.string().optional(),
    rateLimitRpm: z.number().int().min(1).max(1000).optional(),
    ttlMinutes: z.number().int().min(1).max(525600).optional().describe("Omit: never expires"),
  },
  output: { apiKey: anyObject, secret: z.string() },
  annotations: CREATES,
  async run({ dataAppId, role, description, rateLimitRpm, ttlMinutes }, { api, signal }) {
    const apiKey = await api.createApiKey(
      dataAppId,
      { role, description, rateLimitRpm, ttlMinutes },
      { signal },
    );
    const secret =
      "SECRET: the privateKey is shown only this once and cannot be read again. Tell the user to store it now (for example in a secrets manager); do not repeat it elsewhere.";
    return {
      structured: { apiKey, secret },
      text: `Created API key ${apiKey.apiKeyId} (${apiKey.role}).\n${secret}\npublicKey: ${apiKey.publicKey}\nprivateKey: ${apiKey.privateKey ?? "(not returned)"}`,
    };
  },
});
