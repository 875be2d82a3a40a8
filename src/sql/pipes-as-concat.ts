// `'%' || ${q} || '%'` is string concatenation in PostgreSQL and SQLite, but in
// TiDB's default sql_mode `||` is the logical OR: the expression is 0 or 1 and
// the filter silently matches the wrong rows. Only `||` next to a string literal
// is reported; `a = 1 || b = 2` is a deliberate OR.
import type { DiagnosticList } from "./diagnostic-list.js";
import type { ScannedTemplate } from "./template-scanner.js";

export function checkPipesAsConcat(scanned: ScannedTemplate, diagnostics: DiagnosticList): void {
  const { tokens } = scanned;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind !== "operator" || token.text !== "||") continue;
    if (tokens[index - 1]?.kind !== "string" && tokens[index + 1]?.kind !== "string") continue;
    // One report per chain: `'%' || ${q} || '%'`.
    const earlier = tokens[index - 2];
    if (earlier?.kind === "operator" && earlier.text === "||") continue;
    diagnostics.add(
      "pipes-as-concat",
      "warning",
      token,
      "`||` next to a string is the logical OR in TiDB (unless sql_mode has PIPES_AS_CONCAT), not concatenation: the expression is 0 or 1.",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ${q} is the placeholder syntax shown to the user
      "Use CONCAT: '%' || ${q} || '%' becomes CONCAT('%', ${q}, '%').",
    );
  }
}
