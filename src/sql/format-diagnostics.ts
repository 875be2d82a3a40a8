import { SourcePositions } from "./source-positions.js";
import type { Diagnostic } from "./types.js";

/**
 * Compact text for a tool result: `line:col severity code message`, the source
 * line with a caret under the range, and the fix.
 */
export function formatDiagnostics(sql: string, diagnostics: readonly Diagnostic[]): string {
  const positions = new SourcePositions(sql);
  const blocks: string[] = [];
  for (const diagnostic of diagnostics) {
    const { start, end } = diagnostic;
    const lines = [
      `${start.line}:${start.column} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`,
    ];
    const source = positions.lineText(start.line);
    if (source.trim() !== "") {
      const lastColumn = end.line === start.line ? Math.max(end.column, start.column + 1) : source.length + 1;
      const width = Math.max(1, Math.min(lastColumn, source.length + 1) - start.column);
      const indent = source.slice(0, start.column - 1).replace(/[^\t]/g, " ");
      lines.push(`  ${source}`, `  ${indent}${"^".repeat(width)}`);
    }
    if (diagnostic.fix) lines.push(`  fix: ${diagnostic.fix}`);
    blocks.push(lines.join("\n"));
  }
  return blocks.join("\n");
}
