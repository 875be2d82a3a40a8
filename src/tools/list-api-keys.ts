import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { maskApiKey } from "./mask-api-key.js";
import { renderPage } from "./render.js";
import { dataAppIdInput, pageOutput, pageSizeInput, pageTokenInput } from "./shared-schemas.js";

export const listApiKeysTool = defineTool({
  name: "list_api_keys",
  title: "List API keys",
  description: "List a Data App's API keys (private keys masked).",
  group: "api_keys",
  input: { dataAppId: dataAppIdInput, pageSize: pageSizeInput, pageToken: pageTokenInput },
  output: pageOutput,
  annotations: READ_ONLY,
  async run({ dataAppId, pageSize, pageToken }, { api, signal }) {
    const page = await api.listApiKeys(dataAppId, { pageSize, pageToken }, { signal });
    const masked = { ...page, items: page.items.map(maskApiKey) };
    return { structured: masked, text: renderPage("API keys", masked) };
  },
});
