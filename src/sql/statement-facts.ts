// What the rules need to know about one statement, from the AST when it parsed
// and from its tokens when it did not.
import { type AstNode, isAstNode } from "./ast-param-uses.js";
import type { ParamUse } from "./param-use.js";
import type { ScannedTemplate, StatementSpan, Token } from "./template-scanner.js";
import type { StatementKind, TableRef } from "./types.js";

export interface OffsetRange {
  start: number;
  end: number;
}

export interface StatementFacts {
  kind: StatementKind;
  span: StatementSpan;
  /** The statement's first token (its keyword), for positioning statement-level diagnostics. */
  keyword: Token;
  /** False when the parser could not check the statement. */
  verified: boolean;
  hasWhere: boolean;
  hasLimit: boolean;
  /** A SELECT that returns at most one row: no FROM, only aggregates without GROUP BY, or `WHERE id = …` on one table. */
  singleRow: boolean;
  selectStars: OffsetRange[];
  tables: TableRef[];
  /** For `USE db`. */
  useDatabase?: string;
  uses: ParamUse[];
}

const KIND_BY_AST_TYPE: Record<string, StatementKind> = {
  select: "select",
  insert: "insert",
  replace: "replace",
  update: "update",
  delete: "delete",
  use: "use",
  show: "show",
  desc: "desc",
  explain: "explain",
  set: "set",
  create: "ddl",
  drop: "ddl",
  alter: "ddl",
  truncate: "ddl",
  rename: "ddl",
};

const KIND_BY_KEYWORD: Record<string, StatementKind> = {
  SELECT: "select",
  TABLE: "select",
  VALUES: "select",
  INSERT: "insert",
  REPLACE: "replace",
  UPDATE: "update",
  DELETE: "delete",
  USE: "use",
  SHOW: "show",
  DESC: "desc",
  DESCRIBE: "desc",
  EXPLAIN: "explain",
  SET: "set",
  CREATE: "ddl",
  DROP: "ddl",
  ALTER: "ddl",
  TRUNCATE: "ddl",
  RENAME: "ddl",
};

const READ_ACCESS = new Set(["select"]);
const WRITE_ACCESS = new Set([
  "insert",
  "replace",
  "update",
  "delete",
  "create",
  "drop",
  "alter",
  "truncate",
  "rename",
]);

function selectMembers(node: AstNode): AstNode[] {
  const members: AstNode[] = [];
  for (let member: unknown = node; isAstNode(member) && members.length < 1000; member = member._next) {
    members.push(member);
  }
  return members;
}

/** `limit`, or `_limit` for the LIMIT after a UNION of parenthesised selects. */
function hasLimitClause(node: AstNode): boolean {
  return [node.limit, node._limit].some(
    (limit) => isAstNode(limit) && Array.isArray(limit.value) && limit.value.length > 0,
  );
}

function locStart(node: unknown): number | undefined {
  if (!isAstNode(node) || !isAstNode(node.loc) || !isAstNode(node.loc.start)) return undefined;
  const offset = node.loc.start.offset;
  return typeof offset === "number" ? offset : undefined;
}

function starRanges(select: AstNode, parserText: string, base: number): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  const columns = select.columns;
  if (!Array.isArray(columns)) return ranges;
  for (const column of columns) {
    if (!isAstNode(column) || !isAstNode(column.expr)) continue;
    const expr = column.expr;
    if (expr.type !== "column_ref" || expr.column !== "*") continue;
    const start = locStart(column) ?? locStart(expr);
    if (start === undefined) continue;
    const star = parserText.indexOf("*", base + start);
    if (star !== -1) ranges.push({ start: star, end: star + 1 });
  }
  return ranges;
}

/** `WHERE id = …` (possibly ANDed with more conditions) on a single table: a primary-key lookup. */
function isIdLookup(select: AstNode): boolean {
  if (!Array.isArray(select.from) || select.from.length !== 1) return false;
  const pending: unknown[] = [select.where];
  while (pending.length > 0) {
    const condition = pending.pop();
    if (!isAstNode(condition) || condition.type !== "binary_expr") continue;
    if (condition.operator === "AND") {
      pending.push(condition.left, condition.right);
      continue;
    }
    if (condition.operator !== "=") continue;
    for (const side of [condition.left, condition.right]) {
      if (
        isAstNode(side) &&
        side.type === "column_ref" &&
        typeof side.column === "string" &&
        side.column.toLowerCase() === "id"
      ) {
        return true;
      }
    }
  }
  return false;
}

function isSingleRow(select: AstNode): boolean {
  if (!Array.isArray(select.from) || select.from.every((table) => isAstNode(table) && table.type === "dual"))
    return true;
  if (isIdLookup(select)) return true;
  const groupBy = select.groupby;
  const grouped = Array.isArray(groupBy)
    ? groupBy.length > 0
    : isAstNode(groupBy) && Array.isArray(groupBy.columns) && groupBy.columns.length > 0;
  if (grouped || !Array.isArray(select.columns) || select.columns.length === 0) return false;
  return select.columns.every((column) => isAstNode(column) && aggregateOnly(column.expr) === "aggregate");
}

/**
 * Whether an expression yields one value per query: "aggregate" when it has an
 * aggregate and every column sits inside one (`IFNULL(SUM(total), 0)`), "constant"
 * without any column, "row" otherwise. A windowed aggregate (`SUM(x) OVER (…)`) is per row.
 */
function aggregateOnly(expr: unknown): "aggregate" | "constant" | "row" {
  if (Array.isArray(expr)) return combine(expr.map(aggregateOnly));
  if (!isAstNode(expr)) return "constant";
  if (expr.type === "aggr_func") return isAstNode(expr.over) ? "row" : "aggregate";
  if (expr.type === "column_ref" || isAstNode(expr.over) || expr.type === "select") return "row";
  return combine(
    Object.entries(expr).map(([key, value]) => (key === "loc" ? "constant" : aggregateOnly(value))),
  );
}

function combine(kinds: readonly ("aggregate" | "constant" | "row")[]): "aggregate" | "constant" | "row" {
  if (kinds.includes("row")) return "row";
  return kinds.includes("aggregate") ? "aggregate" : "constant";
}

function cteNames(node: AstNode): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(node.with)) return names;
  for (const cte of node.with) {
    if (isAstNode(cte) && isAstNode(cte.name) && typeof cte.name.value === "string")
      names.add(cte.name.value);
  }
  return names;
}

/** Tables from node-sql-parser's `tableList` entries (`type::db::table`). */
function tablesFromList(tableList: readonly string[], ctes: Set<string>): TableRef[] {
  const tables: TableRef[] = [];
  for (const entry of tableList) {
    const [type = "", db = "null", name = "null"] = entry.split("::");
    const access = READ_ACCESS.has(type) ? "read" : WRITE_ACCESS.has(type) ? "write" : undefined;
    if (!access || name === "null" || ctes.has(name)) continue;
    tables.push({ name, ...(db !== "null" ? { database: db } : {}), access });
  }
  return tables;
}

export function factsFromAst(
  ast: unknown,
  tableList: readonly string[],
  span: StatementSpan,
  keyword: Token,
  parserText: string,
  uses: ParamUse[],
): StatementFacts {
  const node = isAstNode(ast) ? ast : {};
  const type = typeof node.type === "string" ? node.type : "";
  const kind = KIND_BY_AST_TYPE[type] ?? "other";
  const members = kind === "select" ? selectMembers(node) : [];
  const facts: StatementFacts = {
    kind,
    span,
    keyword,
    verified: true,
    hasWhere: node.where !== null && node.where !== undefined,
    hasLimit: members.some(hasLimitClause) || hasLimitClause(node),
    singleRow: members.length === 1 && isSingleRow(members[0]!),
    selectStars: members.flatMap((member) => starRanges(member, parserText, span.start)),
    tables: tablesFromList(tableList, cteNames(node)),
    uses,
  };
  if (kind === "use" && typeof node.db === "string") facts.useDatabase = node.db;
  return facts;
}

function unquoteIdentifier(token: Token): string {
  return token.kind === "quoted-identifier" ? token.text.slice(1, -1).replace(/``/g, "`") : token.text;
}

/** Best-effort facts from the tokens of a statement the parser could not read. */
export function factsFromTokens(
  scanned: ScannedTemplate,
  span: StatementSpan,
  uses: ParamUse[],
): StatementFacts {
  const tokens = scanned.tokens.slice(span.firstToken, span.endToken);
  const keyword = tokens[0]!;
  let kind: StatementKind = KIND_BY_KEYWORD[keyword.upper] ?? (keyword.text === "(" ? "select" : "other");
  let depth = 0;
  let hasWhere = false;
  let hasLimit = false;
  const selectStars: OffsetRange[] = [];
  const tables: TableRef[] = [];
  const ctes = new Set<string>();
  for (let index = 1; index + 2 < tokens.length; index++) {
    const [name, as, open] = [tokens[index]!, tokens[index + 1]!, tokens[index + 2]!];
    const before = tokens[index - 1]!.upper;
    if (
      (before === "WITH" || before === "RECURSIVE" || before === ",") &&
      as.upper === "AS" &&
      open.text === "("
    ) {
      ctes.add(unquoteIdentifier(name));
    }
  }
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.text === "(") depth++;
    else if (token.text === ")") depth = Math.max(0, depth - 1);
    if (
      token.kind === "operator" &&
      token.text === "*" &&
      /^(SELECT|DISTINCT)$/.test(tokens[index - 1]?.upper ?? "")
    ) {
      if (depth === 0) selectStars.push({ start: token.start, end: token.end });
    }
    if (token.kind !== "word") continue;
    if (
      keyword.upper === "WITH" &&
      depth === 0 &&
      kind === "other" &&
      /^(SELECT|UPDATE|DELETE|INSERT|REPLACE)$/.test(token.upper)
    ) {
      kind = KIND_BY_KEYWORD[token.upper]!;
    }
    if (token.upper === "WHERE") hasWhere = true;
    if (token.upper === "LIMIT" && depth === 0) hasLimit = true;
    if (!/^(FROM|JOIN|INTO|UPDATE|STRAIGHT_JOIN)$/.test(token.upper)) continue;
    let name = tokens[index + 1];
    if (!name || (name.kind !== "word" && name.kind !== "quoted-identifier")) continue;
    if (name.kind === "word" && /^(SELECT|JSON_TABLE|DUAL|LATERAL|IGNORE|LOW_PRIORITY)$/.test(name.upper))
      continue;
    let database: string | undefined;
    if (tokens[index + 2]?.text === ".") {
      const qualified = tokens[index + 3];
      if (!qualified || (qualified.kind !== "word" && qualified.kind !== "quoted-identifier")) continue;
      database = unquoteIdentifier(name);
      name = qualified;
    }
    if (!database && ctes.has(unquoteIdentifier(name))) continue;
    const writes =
      (token.upper === "INTO" && (kind === "insert" || kind === "replace")) ||
      (token.upper === "UPDATE" && index === 0) ||
      (token.upper === "FROM" &&
        keyword.upper === "DELETE" &&
        depth === 0 &&
        !tables.some((t) => t.access === "write"));
    tables.push({
      name: unquoteIdentifier(name),
      ...(database ? { database } : {}),
      access: writes ? "write" : "read",
    });
  }
  return {
    kind,
    span,
    keyword,
    verified: false,
    hasWhere,
    hasLimit,
    singleRow: false,
    selectStars,
    tables,
    uses,
  };
}
