import { z } from "zod";
import type { EndpointParam } from "../client/model.js";
import { ToolFailure } from "../mcp/tool-definition.js";
import type { Diagnostic, LintInput, LintResult } from "../sql/types.js";

interface Linter {
  lintSqlTemplate(input: LintInput): LintResult;
  formatDiagnostics(sql: string, diagnostics: readonly Diagnostic[]): string;
}

let linter: Promise<Linter> | undefined;

/** The SQL parser is loaded on first use, so that starting the server (and tools/list) does not pay for it. */
export function loadLinter(): Promise<Linter> {
  linter ??= import("../sql/index.js").then(({ lintSqlTemplate, formatDiagnostics }) => ({
    lintSqlTemplate,
    formatDiagnostics,
  }));
  return linter;
}

export const diagnosticOutput = z.object({
  code: z.string(),
  severity: z.string(),
  message: z.string(),
  line: z.number(),
  column: z.number(),
  fix: z.string().optional(),
});

export type CompactDiagnostic = z.output<typeof diagnosticOutput>;

export function compactDiagnostic(diagnostic: Diagnostic): CompactDiagnostic {
  const { code, severity, message, start, fix } = diagnostic;
  return { code, severity, message, line: start.line, column: start.column, ...(fix ? { fix } : {}) };
}

/**
 * Lints a template before it reaches the service. Errors block the call with every
 * diagnostic; the rest come back beside the result.
 */
export async function lintOrFail(
  input: LintInput,
): Promise<{ lint: LintResult; notes: CompactDiagnostic[] }> {
  const { lintSqlTemplate, formatDiagnostics } = await loadLinter();
  const lint = lintSqlTemplate(input);
  if (!lint.ok) {
    const errorCount = lint.diagnostics.filter((d) => d.severity === "error").length;
    throw new ToolFailure(
      `The SQL template has ${errorCount} error(s); nothing was sent to the service. Fix them and call again.\n` +
        formatDiagnostics(input.sql, lint.diagnostics),
    );
  }
  return { lint, notes: lint.diagnostics.map(compactDiagnostic) };
}

/**
 * The declared params plus every `${name}` the user did not declare, with the
 * inferred type. Path parameters are always required by the service.
 */
export function completeParams(declared: readonly EndpointParam[], lint: LintResult): EndpointParam[] {
  const inPath = new Set(lint.params.filter((p) => p.inPath).map((p) => p.name));
  const params = declared.map((param) =>
    inPath.has(param.name) ? { ...param, required: true } : { ...param },
  );
  const declaredNames = new Set(declared.map((param) => param.name));
  for (const extracted of lint.params) {
    if (declaredNames.has(extracted.name)) continue;
    params.push({
      name: extracted.name,
      type: extracted.type,
      ...(extracted.itemType ? { itemType: extracted.itemType } : {}),
      required: extracted.inPath,
    });
  }
  return params;
}

export function renderNotes(notes: readonly CompactDiagnostic[]): string {
  if (notes.length === 0) return "";
  return `\nLinter notes:\n${notes.map((n) => `- ${n.severity} ${n.code} at ${n.line}:${n.column}: ${n.message}${n.fix ? ` Fix: ${n.fix}` : ""}`).join("\n")}`;
}
