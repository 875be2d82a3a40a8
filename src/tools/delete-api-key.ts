import { z } from "zod";
import { DELETES, defineTool } from "../mcp/tool-definition.js";
import { maskApiKey } from "./mask-api-key.js";
import { confirmationTokenInput, dataAppIdInput } from "./shared-schemas.js";
import { deleteOutput, twoStepDelete } from "./two-step-delete.js";

export const deleteApiKeyTool = defineTool({
  name: "delete_api_key",
  title: "Delete API key",
  description: "Delete a Data App API key; callers using it get 401. Two-step.",
  group: "api_keys",
  input: { dataAppId: dataAppIdInput, apiKeyId: z.string(), confirmationToken: confirmationTokenInput },
  output: deleteOutput,
  annotations: DELETES,
  async run({ dataAppId, apiKeyId, confirmationToken }, context) {
    const { api, signal } = context;
    return twoStepDelete(
      {
        toolName: "delete_api_key",
        target: `API key ${apiKeyId} of Data App ${dataAppId}`,
        targetKey: `${dataAppId}/${apiKeyId}`,
        confirmationToken,
        async loadPlan() {
          const apiKey = maskApiKey(await api.getApiKey(dataAppId, apiKeyId, { signal }));
          const { apiKeyId: id, publicKey, role, description, rateLimitRpm, expireState } = apiKey;
          const plan = { apiKey: { apiKeyId: id, publicKey, role, description } };
          return { plan, state: { id, publicKey, role, description, rateLimitRpm, expireState } };
        },
        remove: () => api.deleteApiKey(dataAppId, apiKeyId, { signal }),
      },
      context,
    );
  },
});
