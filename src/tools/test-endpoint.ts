import { z } from "zod";
import { defineTool } from "../mcp/tool-definition.js";
import { runOutput, summarizeRun } from "./run-result.js";
import { dataAppIdInput } from "./shared-schemas.js";

// Array items are strings only: a type union there is not portable across clients' schema validators.
const argumentValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const testEndpointTool = defineTool({
  name: "test_endpoint",
  title: "Test endpoint draft",
  description: "Run an endpoint's draft with arguments; no Data App key needed. May write if the SQL writes.",
  group: "endpoints",
  input: {
    dataAppId: dataAppIdInput,
    endpointId: z.string(),
    args: z.record(z.string(), argumentValue).optional().describe("Param values; arrays for ARRAY"),
  },
  output: runOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run({ dataAppId, endpointId, args }, { api, signal }) {
    const asStrings: Record<string, string> = {};
    for (const [name, value] of Object.entries(args ?? {})) {
      asStrings[name] = Array.isArray(value) ? value.join(",") : String(value);
    }
    const result = await api.testEndpoint(dataAppId, endpointId, asStrings, { signal });
    return summarizeRun(result, "Fix the SQL with update_endpoint and test again.");
  },
});
