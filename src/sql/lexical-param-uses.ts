// Fallback when a statement could not be parsed (or a placeholder sat in text
// rewritten around a parser gap): classify a placeholder by its neighbours.
import { COMPARISON_OPERATORS, comparisonUse, type LiteralKind, type ParamUse } from "./param-use.js";
import type { Placeholder, ScannedTemplate, Token } from "./template-scanner.js";

const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);
const CONDITION_BEFORE = new Set(["WHERE", "AND", "OR", "NOT", "HAVING"]);
const CONDITION_AFTER = new Set(["AND", "OR", "ORDER", "GROUP", "LIMIT", "HAVING", ")"]);

function literalOf(token: Token | undefined): LiteralKind | undefined {
  if (!token) return undefined;
  if (token.kind === "number") return /^\d+$/.test(token.text) ? "integer" : "number";
  if (token.kind === "string") return "string";
  if (token.kind === "word" && (token.upper === "TRUE" || token.upper === "FALSE")) return "boolean";
  return undefined;
}

export function lexicalParamUse(
  scanned: ScannedTemplate,
  placeholder: Placeholder,
  statementEnd: number,
): ParamUse {
  const tokens = scanned.tokens;
  const at = placeholder.tokenIndex ?? -1;
  const index = placeholder.index;
  const before = tokens[at - 1];
  const before2 = tokens[at - 2];
  const before3 = tokens[at - 3];
  const after = at + 1 < statementEnd ? tokens[at + 1] : undefined;
  const after2 = at + 2 < statementEnd ? tokens[at + 2] : undefined;
  const upperBefore = before?.upper ?? "";

  if (upperBefore === "LIMIT" || upperBefore === "OFFSET")
    return { placeholder: index, kind: "limit", context: upperBefore };
  if (
    upperBefore === "," &&
    before3?.upper === "LIMIT" &&
    (before2?.kind === "number" || before2?.kind === "placeholder")
  ) {
    return { placeholder: index, kind: "limit", context: "LIMIT" };
  }
  if (upperBefore === "INTERVAL") return { placeholder: index, kind: "interval", context: "INTERVAL" };
  // `IN ${x}` without parentheses is reported on its own; the use is still the list of IN.
  if ((upperBefore === "(" && before2?.upper === "IN" && after?.text === ")") || upperBefore === "IN") {
    return { placeholder: index, kind: "in-list", context: "IN (…)" };
  }
  if (upperBefore === "LIKE" || upperBefore === "RLIKE" || upperBefore === "REGEXP") {
    return { placeholder: index, kind: "text-match", context: upperBefore };
  }
  if (before?.kind === "operator" && COMPARISON_OPERATORS.has(before.text)) {
    const use = comparisonUse(literalOf(before2), before.text);
    if (use) return { placeholder: index, ...use };
  }
  if (after?.kind === "operator" && COMPARISON_OPERATORS.has(after.text)) {
    const use = comparisonUse(literalOf(after2), after.text);
    if (use) return { placeholder: index, ...use };
  }
  if (
    (before?.kind === "operator" && ARITHMETIC.has(before.text)) ||
    (after?.kind === "operator" && ARITHMETIC.has(after.text))
  ) {
    return { placeholder: index, kind: "arithmetic", context: "arithmetic" };
  }
  if (CONDITION_BEFORE.has(upperBefore) && (after === undefined || CONDITION_AFTER.has(after.upper))) {
    return { placeholder: index, kind: "condition", context: `a condition (${upperBefore} …)` };
  }
  return { placeholder: index, kind: "value", context: "a value" };
}
