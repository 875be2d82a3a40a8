// Rules that need only the lexer: where each `${name}` sits in the text.
import { type DiagnosticList, quoteCode } from "./diagnostic-list.js";
import type { Placeholder, ScannedTemplate, Token } from "./template-scanner.js";

export const RESERVED_PARAM_NAMES = new Set(["page", "page_size"]);

/** Keywords after which a name (table, database) follows, never a value. */
const TABLE_KEYWORDS = new Set(["FROM", "JOIN", "INTO", "UPDATE", "TABLE", "STRAIGHT_JOIN"]);
/** Functions whose `FROM` introduces a value: EXTRACT(YEAR FROM x), TRIM(… FROM x), SUBSTRING(x FROM 2). */
const FUNCTIONS_WITH_FROM = new Set(["EXTRACT", "TRIM", "SUBSTRING", "SUBSTR", "MID", "POSITION"]);

/** Keywords a value may directly follow. */
const VALUE_INTRODUCERS = new Set(
  (
    "AND OR NOT XOR WHERE SELECT THEN ELSE WHEN ON HAVING LIKE RLIKE REGEXP BETWEEN IN IS INTERVAL LIMIT OFFSET " +
    "BY DIV MOD CASE DISTINCT ESCAPE AGAINST SEPARATOR VALUES SET RETURN ALL ANY SOME EXISTS USING DEFAULT BINARY AS"
  ).split(" "),
);

const ORDER_BY_FIX =
  "Parameters cannot name columns. Sort by a fixed column, or choose among known columns: " +
  `ORDER BY CASE \${sort} WHEN 'name' THEN name WHEN 'created_at' THEN created_at END`;
const DIRECTION_FIX =
  "Write the direction in the SQL (ASC or DESC), or switch with two sort keys: " +
  `ORDER BY CASE WHEN \${dir} = 'asc' THEN col END ASC, CASE WHEN \${dir} = 'desc' THEN col END DESC`;

export function sanitizeParamName(name: string): string {
  const cleaned = name.trim().replace(/[^A-Za-z0-9_]+/g, "_");
  if (cleaned === "" || cleaned === "_") return "param";
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

function quote(text: string): string {
  return quoteCode(text, 60);
}

/** `'%${q}%'` → `CONCAT('%', ${q}, '%')`; `'${x}'` → `${x}`. Pieces stay valid single-quoted SQL. */
function unquotedRewrite(literal: string): string {
  const quoteChar = literal[0] ?? "'";
  const closed = literal.length >= 2 && literal.endsWith(quoteChar);
  const inner = literal.slice(1, closed ? -1 : undefined);
  const asSingleQuoted = (piece: string) =>
    quoteChar === '"' ? `'${piece.replace(/""/g, '"').replace(/'/g, "''")}'` : `'${piece}'`;
  const parts: string[] = [];
  let last = 0;
  for (const match of inner.matchAll(/\$\{([^}\n]*)\}/g)) {
    if (match.index > last) parts.push(asSingleQuoted(inner.slice(last, match.index)));
    parts.push(match[0]);
    last = match.index + match[0].length;
  }
  if (last < inner.length) parts.push(asSingleQuoted(inner.slice(last)));
  return parts.length === 1 ? parts[0]! : `CONCAT(${parts.join(", ")})`;
}

function previousToken(scanned: ScannedTemplate, tokenIndex: number): Token | undefined {
  return tokenIndex > 0 ? scanned.tokens[tokenIndex - 1] : undefined;
}

/** Whether the `FROM` at `fromIndex` sits inside EXTRACT( … ), TRIM( … ) or the like. */
function isFunctionFrom(tokens: readonly Token[], fromIndex: number): boolean {
  let depth = 0;
  for (let index = fromIndex - 1; index >= 0; index--) {
    const token = tokens[index]!;
    if (token.kind !== "punctuation") continue;
    if (token.text === ")") depth++;
    else if (token.text === "(") {
      if (depth === 0) {
        const owner = tokens[index - 1];
        return owner !== undefined && owner.kind === "word" && FUNCTIONS_WITH_FROM.has(owner.upper);
      }
      depth--;
    }
  }
  return false;
}

function isStatementStart(scanned: ScannedTemplate, tokenIndex: number): boolean {
  return scanned.statements.some((statement) => statement.firstToken === tokenIndex);
}

export interface IdentifierPosition {
  what: string;
  fix: string;
  /** The direction slot of ORDER BY (`ORDER BY col ${dir}`): certain without a parse. */
  sortDirection?: true;
}

/** When a placeholder in code certainly stands where a name goes, says which name. */
function identifierPosition(
  scanned: ScannedTemplate,
  placeholder: Placeholder,
): IdentifierPosition | undefined {
  const tokenIndex = placeholder.tokenIndex;
  if (tokenIndex === undefined) return undefined;
  const previous = previousToken(scanned, tokenIndex);
  const next = scanned.tokens[tokenIndex + 1];
  const raw = `\${${placeholder.name}}`;
  if (
    (previous?.text === "." && previous.end === placeholder.start) ||
    (next?.text === "." && next.start === placeholder.end)
  ) {
    return {
      what: "part of a qualified name (database.table or table.column)",
      fix: "Write the database, table and column names literally in the SQL.",
    };
  }
  if (previous?.kind !== "word") return undefined;
  const keyword = previous.upper;
  if (
    TABLE_KEYWORDS.has(keyword) &&
    !(
      keyword === "FROM" &&
      (isFunctionFrom(scanned.tokens, tokenIndex - 1) || scanned.tokens[tokenIndex - 2]?.upper === "DISTINCT")
    )
  ) {
    return {
      what: `a table name (after ${keyword})`,
      fix: `Write the table name literally, e.g. ${keyword} orders, and create one endpoint per table if you need several.`,
    };
  }
  if (
    (keyword === "USE" || keyword === "DESC" || keyword === "DESCRIBE") &&
    isStatementStart(scanned, tokenIndex - 1)
  ) {
    return {
      what: `a ${keyword === "USE" ? "database" : "table"} name (after ${keyword})`,
      fix: `Write the name literally, e.g. ${keyword} my_${keyword === "USE" ? "database" : "table"}.`,
    };
  }
  if (keyword === "BY") {
    const clause = scanned.tokens[tokenIndex - 2]?.upper ?? "ORDER";
    return {
      what: `${clause === "ORDER" ? "an" : "a"} ${clause} BY column (${clause} BY ${raw} ${clause === "ORDER" ? "sorts" : "groups"} by a constant value)`,
      fix: clause === "ORDER" ? ORDER_BY_FIX.replace(`\${sort}`, raw) : "Write the column name literally.",
    };
  }
  if (keyword === "AS") {
    return {
      what: "an alias or a type name (after AS)",
      fix: "Write the alias or type literally, e.g. AS total.",
    };
  }
  if (keyword === "SET" && next?.text === "=") {
    return {
      what: "a column name (SET … =)",
      fix: `Write the column name literally, e.g. SET status = \${status}.`,
    };
  }
  return undefined;
}

/** For a placeholder the parser rejected: a value-ending token before it means a direction or alias slot. */
export function directionOrAliasPosition(
  scanned: ScannedTemplate,
  placeholder: Placeholder,
): IdentifierPosition | undefined {
  const tokenIndex = placeholder.tokenIndex;
  if (tokenIndex === undefined) return undefined;
  const previous = previousToken(scanned, tokenIndex);
  if (!previous) return undefined;
  const endsValue =
    previous.kind === "quoted-identifier" ||
    previous.kind === "number" ||
    previous.kind === "string" ||
    previous.kind === "placeholder" ||
    previous.text === ")" ||
    (previous.kind === "word" && !VALUE_INTRODUCERS.has(previous.upper));
  if (!endsValue) return undefined;
  const statementStart = scanned.statements.find((span) => tokenIndex < span.endToken)?.firstToken ?? 0;
  let depth = 0;
  for (let index = tokenIndex - 1; index >= statementStart; index--) {
    const token = scanned.tokens[index]!;
    if (token.text === ")") depth++;
    else if (token.text === "(") {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && token.kind === "word") {
      if (token.upper === "BY" && scanned.tokens[index - 1]?.upper === "ORDER") {
        return {
          what: "a sort direction (ASC or DESC)",
          fix: DIRECTION_FIX.replaceAll(`\${dir}`, `\${${placeholder.name}}`),
          sortDirection: true,
        };
      }
      if (/^(SELECT|FROM|WHERE|GROUP|HAVING|LIMIT|SET|VALUES|UPDATE|INTO)$/.test(token.upper)) break;
    }
  }
  return {
    what: "an alias or keyword position right after another value",
    fix: "Parameters only stand for values; an operator or comma is missing before it, or the name must be written literally.",
  };
}

function sortDirectionPosition(
  scanned: ScannedTemplate,
  placeholder: Placeholder,
): IdentifierPosition | undefined {
  const position = directionOrAliasPosition(scanned, placeholder);
  return position?.sortDirection ? position : undefined;
}

/**
 * Reports the lexical placeholder rules. Returns the indexes of placeholders
 * with an error, so a parse failure there is not reported a second time.
 */
export function checkPlaceholders(scanned: ScannedTemplate, diagnostics: DiagnosticList): Set<number> {
  const blocked = new Set<number>();
  const reportedContainers = new Set<Token>();
  for (const placeholder of scanned.placeholders) {
    const raw = scanned.text.slice(placeholder.start, placeholder.end);
    const range = { start: placeholder.start, end: placeholder.end };
    if (placeholder.context === "string") {
      const container = placeholder.container!;
      blocked.add(placeholder.index);
      if (reportedContainers.has(container)) continue;
      reportedContainers.add(container);
      const names = scanned.placeholders
        .filter((other) => other.container === container)
        .map((other) => `\${${other.name}}`);
      const rewrite = unquotedRewrite(container.text);
      diagnostics.add(
        "placeholder-in-quotes",
        "error",
        container,
        `${names.join(", ")} ${names.length > 1 ? "are" : "is"} inside the quoted string ${quote(container.text)}. ` +
          "The service quotes and escapes parameter values itself, so a placeholder must stand alone, outside quotes.",
        `Replace ${quote(container.text)} with ${rewrite}.`,
      );
      continue;
    }
    if (placeholder.context === "quoted-identifier") {
      blocked.add(placeholder.index);
      diagnostics.add(
        "placeholder-as-identifier",
        "error",
        placeholder.container ?? range,
        `${raw} is inside backticks ${quote(placeholder.container?.text ?? raw)}, which makes it an identifier (a table or column name). ` +
          "Parameters only stand for values, never for names.",
        "Write the table or column name literally; use the parameter only in a value position such as WHERE col = " +
          `\${${placeholder.name}}.`,
      );
      continue;
    }
    if (placeholder.context === "comment") {
      diagnostics.add(
        "placeholder-in-comment",
        "warning",
        range,
        `${raw} is inside a comment: the SQL parser ignores it, but the service may still treat it as a parameter.`,
        `Remove ${raw} from the comment, or write the name without \${ } there.`,
      );
      continue;
    }
    if (!placeholder.closed) {
      blocked.add(placeholder.index);
      const name = placeholder.name || "name";
      diagnostics.add(
        "unclosed-placeholder",
        "error",
        range,
        `The placeholder ${quote(raw)} has no closing } on the same line.`,
        `Write \${${sanitizeParamName(name)}}.`,
      );
      continue;
    }
    if (!placeholder.validName) {
      blocked.add(placeholder.index);
      const suggestion = sanitizeParamName(placeholder.name);
      diagnostics.add(
        "invalid-param-name",
        "error",
        range,
        placeholder.name === ""
          ? `The placeholder \${} has no parameter name.`
          : `${quote(raw)} is not a valid parameter name: names use only letters, digits and _, and start with a letter or _.`,
        `Write \${${suggestion}}${placeholder.name === "" ? " with the name of a parameter" : ""}.`,
      );
      continue;
    }
    if (RESERVED_PARAM_NAMES.has(placeholder.name)) {
      diagnostics.add(
        "reserved-param-name",
        "error",
        range,
        `${raw} uses a reserved name: page and page_size are reserved for the service's pagination.`,
        `Rename it, e.g. \${${placeholder.name === "page" ? "page_number" : "per_page"}}, and enable pagination in the settings if you want paging.`,
      );
    }
    const tokenIndex = placeholder.tokenIndex!;
    const previous = previousToken(scanned, tokenIndex);
    const next = scanned.tokens[tokenIndex + 1];
    const gluedBefore =
      previous !== undefined &&
      previous.end === placeholder.start &&
      ["word", "number", "quoted-identifier", "placeholder", "string"].includes(previous.kind);
    const gluedAfter =
      next !== undefined &&
      next.start === placeholder.end &&
      ["word", "number", "quoted-identifier", "string"].includes(next.kind);
    if (gluedBefore || gluedAfter) {
      blocked.add(placeholder.index);
      const start = gluedBefore ? previous!.start : placeholder.start;
      const end = gluedAfter ? next!.end : placeholder.end;
      const glued = scanned.text.slice(start, end);
      diagnostics.add(
        "placeholder-glued",
        "error",
        { start, end },
        `${raw} is glued to other text in ${quote(glued)}. A parameter is substituted as one whole value; ` +
          "it cannot build part of a name, a number or another value.",
        `To build a string value write ${unquotedRewrite(`'${glued.replace(/'/g, "")}'`)}; table and column names cannot come from parameters.`,
      );
      continue;
    }
    if (previous?.kind === "word" && previous.upper === "IN") {
      blocked.add(placeholder.index);
      diagnostics.add(
        "in-without-parentheses",
        "error",
        { start: previous.start, end: placeholder.end },
        `IN ${raw} needs parentheses: the service expands an ARRAY parameter into comma-separated values, and you write the parentheses.`,
        `Write IN (${raw}).`,
      );
      continue;
    }
    const identifier =
      identifierPosition(scanned, placeholder) ?? sortDirectionPosition(scanned, placeholder);
    if (identifier) {
      blocked.add(placeholder.index);
      diagnostics.add(
        "placeholder-as-identifier",
        "error",
        range,
        `${raw} stands where ${identifier.what} goes. Parameters only stand for values, never for table, column or other names.`,
        identifier.fix,
      );
    }
  }
  return blocked;
}
