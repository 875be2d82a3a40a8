import { z } from "zod";
import { defineTool } from "../mcp/tool-definition.js";
import { compactDiagnostic, loadLinter } from "./endpoint-lint.js";
import { anyObject, endpointParamInput, endpointSettingsInput, httpMethodInput } from "./shared-schemas.js";

export const lintSqlTemplateTool = defineTool({
  name: "lint_sql_template",
  title: "Lint SQL template",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
  description: "Check an endpoint SQL template offline and extract its ${params} with inferred types.",
  group: "endpoints",
  input: {
    sql: z.string().min(1),
    method: httpMethodInput,
    path: z.string().min(1),
    params: z.array(endpointParamInput).optional(),
    settings: endpointSettingsInput.optional(),
    batchOperation: z.boolean().optional(),
  },
  output: {
    ok: z.boolean(),
    diagnostics: z.array(anyObject),
    params: z.array(anyObject),
    statements: z.array(z.string()),
    tables: z.array(anyObject),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run({ sql, method, path, params, settings, batchOperation }) {
    const { lintSqlTemplate, formatDiagnostics } = await loadLinter();
    const lint = lintSqlTemplate({ sql, method, path, params, settings: { ...settings, batchOperation } });
    const verdict = lint.ok ? "OK: no errors." : "Errors found: fix them before create_endpoint.";
    const report = lint.diagnostics.length > 0 ? `\n${formatDiagnostics(sql, lint.diagnostics)}` : "";
    const extracted = lint.params.map((p) => `${p.name}:${p.type}${p.itemType ? `<${p.itemType}>` : ""}`);
    return {
      structured: {
        ok: lint.ok,
        diagnostics: lint.diagnostics.map(compactDiagnostic),
        params: lint.params.map((p) => ({ ...p })),
        statements: lint.statements,
        tables: lint.tables.map((t) => ({ ...t })),
      },
      text: `${verdict} Params: ${extracted.join(", ") || "none"}.${report}`,
    };
  },
});
