// Parameter syntaxes of other tools (`:id`, `?`, `$1`, `{id}`, `{{id}}`). Data Service
// substitutes only `${name}` and sends anything else to TiDB as it is, where it is a
// syntax error or an unknown column; node-sql-parser even accepts `:id` and `?`.
import type { DiagnosticList } from "./diagnostic-list.js";
import type { ScannedTemplate, Token } from "./template-scanner.js";

function isOperator(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === "operator" && token.text === text;
}

function glued(left: Token | undefined, right: Token | undefined): boolean {
  return left !== undefined && right !== undefined && left.end === right.start;
}

interface Foreign {
  start: number;
  end: number;
  name?: string;
}

function foreignAt(tokens: readonly Token[], index: number): Foreign | undefined {
  const token = tokens[index]!;
  const next = tokens[index + 1];
  const previous = tokens[index - 1];
  if (token.kind !== "operator") return undefined;
  if (token.text === "?") return { start: token.start, end: token.end };
  if (token.text === ":" || token.text === "$") {
    // `::int` (a PostgreSQL cast) is a plain syntax error, not a parameter.
    if (isOperator(previous, ":") && glued(previous, token)) return undefined;
    if (!glued(token, next) || (next!.kind !== "word" && next!.kind !== "number")) return undefined;
    return { start: token.start, end: next!.end, ...(next!.kind === "word" ? { name: next!.text } : {}) };
  }
  if (token.text === "{") {
    if (isOperator(previous, "{") && glued(previous, token)) return undefined;
    let first = index;
    if (isOperator(next, "{") && glued(token, next)) first++;
    const word = tokens[first + 1];
    const close = tokens[first + 2];
    if (
      word?.kind !== "word" ||
      !glued(tokens[first], word) ||
      !isOperator(close, "}") ||
      !glued(word, close)
    )
      return undefined;
    const last = first > index && isOperator(tokens[first + 3], "}") ? first + 3 : first + 2;
    return { start: token.start, end: tokens[last]!.end, name: word.text };
  }
  return undefined;
}

/**
 * Reports parameters written in another tool's syntax, each with the `${name}` to write instead.
 * Returns the names so written, which the fix turns into uses.
 */
export function checkForeignPlaceholders(scanned: ScannedTemplate, diagnostics: DiagnosticList): Set<string> {
  const { tokens, text } = scanned;
  const names = new Set<string>();
  for (let index = 0; index < tokens.length; index++) {
    const foreign = foreignAt(tokens, index);
    if (!foreign) continue;
    if (foreign.name) names.add(foreign.name);
    const raw = text.slice(foreign.start, foreign.end);
    diagnostics.add(
      "foreign-placeholder",
      "error",
      foreign,
      `\`${raw}\` is not a parameter here: Data Service substitutes only \${name} placeholders and sends \`${raw}\` to TiDB unchanged.`,
      foreign.name
        ? `Write \${${foreign.name}}.`
        : `Write \${name} with a name that says what the value is, e.g. \${id}, and declare it in params.`,
    );
  }
  return names;
}
