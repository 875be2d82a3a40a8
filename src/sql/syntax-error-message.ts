import { quoteCode } from "./diagnostic-list.js";
import type { ParserFailure } from "./sql-parser.js";
import type { ScannedTemplate, StatementSpan } from "./template-scanner.js";

/** Words node-sql-parser (and mostly MySQL 8 / TiDB) rejects as bare identifiers. */
const RESERVED_AS_IDENTIFIER = new Set([
  "RANK",
  "KEY",
  "KEYS",
  "VALUES",
  "ORDER",
  "GROUP",
  "ROW_NUMBER",
  "ROW",
  "ROWS",
  "INTERVAL",
  "LEAD",
  "LAG",
  "WINDOW",
  "OVER",
  "PARTITION",
  "RANGE",
  "REPEAT",
  "REPLACE",
  "SQL",
  "LIMIT",
  "DESC",
  "ASC",
  "DIV",
  "MATCH",
  "FULLTEXT",
  "READ",
  "WRITE",
  "USAGE",
  "TABLE",
  "INDEX",
  "CONDITION",
  "DEFAULT",
  "CHECK",
  "COLUMN",
  "CHANGE",
  "FROM",
  "SELECT",
  "WHERE",
  "TO",
  "USE",
]);

/** Keywords that start a clause, so they cannot follow WHERE, AND, = … directly. */
const CLAUSE_KEYWORDS = new Set([
  "LIMIT",
  "ORDER",
  "GROUP",
  "HAVING",
  "WHERE",
  "FROM",
  "UNION",
  "WINDOW",
  "VALUES",
  "SET",
]);
/** Tokens that must be followed by an expression. */
const EXPRESSION_STARTERS = new Set([
  "WHERE",
  "AND",
  "OR",
  "ON",
  "HAVING",
  "SET",
  "SELECT",
  "BY",
  "NOT",
  "=",
  ",",
  "(",
]);

/** Expectations that are noise to a reader: comment starts, quote characters, PostgreSQL operators. */
const NOISE = new Set([
  "/*",
  "--",
  "#",
  "?|",
  "?&",
  "#-",
  "#>",
  "#>>",
  "@>",
  "<@",
  "@@",
  "@",
  "$",
  '"',
  "'",
  "`",
  "_binary",
  "_latin1",
  "X",
  "N",
  "b",
  "0x",
  "GO",
  ";",
  "\\",
]);

export interface SyntaxErrorReport {
  start: number;
  end: number;
  message: string;
  fix?: string;
}

function quote(text: string): string {
  return quoteCode(text, 40);
}

/** The index of the token at or after `offset` inside the statement, or -1. */
export function tokenIndexAtOffset(scanned: ScannedTemplate, span: StatementSpan, offset: number): number {
  for (let index = span.firstToken; index < span.endToken; index++) {
    if (scanned.tokens[index]!.end > offset) return index;
  }
  return -1;
}

export function describeSyntaxError(
  scanned: ScannedTemplate,
  span: StatementSpan,
  failure: ParserFailure,
): SyntaxErrorReport {
  const keyword = scanned.tokens[span.firstToken]!;
  if (failure.offset === undefined) {
    const detail = failure.message.replace(/^Error:\s*/, "");
    return {
      start: keyword.start,
      end: keyword.end,
      message: `The statement starting with ${quote(keyword.text)} could not be parsed: ${detail}.`,
    };
  }
  const offset = Math.min(span.start + failure.offset, span.end);
  const tokenIndex = tokenIndexAtOffset(scanned, span, offset);
  const token = scanned.tokens[tokenIndex];
  const expected = failure.expected.filter((item) => !NOISE.has(item)).slice(0, 8);
  const expectedText =
    expected.length > 0
      ? ` Expected one of: ${expected.map((item) => (item === "end of input" ? item : `"${item}"`)).join(", ")}.`
      : "";
  if (!token) {
    const end = scanned.tokens[span.endToken - 1]!.end;
    return {
      start: end,
      end,
      message: `The statement ends too early: it is incomplete after ${quote(scanned.text.slice(keyword.start, end))}.${expectedText}`,
      fix: "Complete the statement (a condition after WHERE, a value after =, a closing parenthesis, …).",
    };
  }
  const reservedIndex = [tokenIndex - 1, tokenIndex].find((index) => {
    const candidate = scanned.tokens[index];
    return (
      index >= span.firstToken && candidate?.kind === "word" && RESERVED_AS_IDENTIFIER.has(candidate.upper)
    );
  });
  const reserved = reservedIndex === undefined ? undefined : scanned.tokens[reservedIndex]!;
  const report: SyntaxErrorReport = {
    start: token.start,
    end: token.end,
    message: `Syntax error near ${quote(scanned.text.slice(token.start, Math.min(span.end, token.start + 30)))}.${expectedText}`,
  };
  const beforeReserved = reservedIndex === undefined ? undefined : scanned.tokens[reservedIndex - 1];
  if (
    reserved &&
    CLAUSE_KEYWORDS.has(reserved.upper) &&
    beforeReserved &&
    EXPRESSION_STARTERS.has(beforeReserved.upper)
  ) {
    report.start = beforeReserved.start;
    report.end = reserved.end;
    report.message = `${quote(beforeReserved.text)} is followed directly by ${quote(reserved.text)}: the ${beforeReserved.kind === "word" ? "condition or expression" : "value"} after ${beforeReserved.text} is missing.`;
    report.fix = `Write the missing part after ${beforeReserved.text}, or remove ${beforeReserved.text}.`;
    return report;
  }
  if (reserved) {
    report.message += ` ${quote(reserved.text)} is a reserved word, so it cannot be a bare column, table or alias name.`;
    report.fix = `If ${reserved.text} is a name, quote it with backticks: \`${reserved.text}\`.`;
  }
  return report;
}
