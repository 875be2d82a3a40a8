// Rules about statements: destructive writes, DDL, the HTTP method, settings.
import type { HttpMethod } from "../client/model.js";
import type { DiagnosticList } from "./diagnostic-list.js";
import type { StatementFacts } from "./statement-facts.js";
import type { LintInput, StatementKind } from "./types.js";

const READS: ReadonlySet<StatementKind> = new Set(["select", "show", "desc", "explain"]);
const WRITES: ReadonlySet<StatementKind> = new Set(["insert", "replace", "update", "delete", "ddl"]);
const EXPECTED_LAST: Record<HttpMethod, ReadonlySet<StatementKind>> = {
  GET: READS,
  POST: new Set(["insert", "replace"]),
  PUT: new Set(["update", "insert", "replace"]),
  DELETE: new Set(["delete"]),
};
const METHOD_FOR: Partial<Record<StatementKind, HttpMethod>> = {
  select: "GET",
  show: "GET",
  desc: "GET",
  explain: "GET",
  insert: "POST",
  replace: "POST",
  update: "PUT",
  delete: "DELETE",
};
const DEFAULT_ROW_LIMIT = 1000;

function label(facts: StatementFacts): string {
  return facts.kind === "ddl" ? `${facts.keyword.upper} (DDL)` : facts.kind.toUpperCase();
}

export function checkStatements(
  facts: readonly StatementFacts[],
  input: LintInput,
  diagnostics: DiagnosticList,
): void {
  const settings = input.settings ?? {};
  for (const statement of facts) {
    if ((statement.kind === "update" || statement.kind === "delete") && !statement.hasWhere) {
      const verb = statement.kind === "delete" ? "deletes" : "updates";
      diagnostics.add(
        "missing-where",
        "error",
        statement.keyword,
        `This ${statement.kind.toUpperCase()} has no WHERE clause, so it ${verb} every row of ${statement.tables.find((t) => t.access === "write")?.name ?? "the table"}.`,
        `Add a WHERE clause that selects the rows, e.g. WHERE id = \${id}. If every row is really meant, write WHERE 1 = 1.`,
      );
    }
    if (statement.kind === "ddl" && !input.allowDdl) {
      diagnostics.add(
        "ddl-statement",
        "error",
        statement.keyword,
        `${statement.keyword.upper} is a DDL statement: an endpoint that changes the schema runs on every call.`,
        "Change the schema once in the SQL editor instead; set allowDdl only if the endpoint really must run DDL.",
      );
    }
  }

  const last = facts[facts.length - 1];
  if (!last) return;
  const method = input.method;

  // DDL has its own rule; USE, SET and statements the parser could not classify say nothing about the method.
  const neutral = last.kind === "other" || last.kind === "use" || last.kind === "set" || last.kind === "ddl";
  const expected = EXPECTED_LAST[method] ?? READS;
  if (!neutral && !expected.has(last.kind)) {
    const better = METHOD_FOR[last.kind];
    diagnostics.add(
      "method-mismatch",
      "warning",
      last.keyword,
      method === "GET"
        ? `A GET endpoint should read, but its last statement is ${label(last)}; GET requests may be cached and repeated, and a READ_ONLY API key cannot call it.`
        : `A ${method} endpoint usually runs ${[...expected].map((kind) => kind.toUpperCase()).join(" or ")}, but its last statement is ${label(last)}. The service does not enforce this; only the API key role matters.`,
      better
        ? `Use the ${better} method for ${label(last)}${method === "POST" && last.kind === "select" ? ", or ignore this if it is intended (e.g. a search that takes a JSON body)" : ""}.`
        : "Check that the method matches what the endpoint does.",
    );
  }
  if (method === "GET") {
    for (const statement of facts.slice(0, -1)) {
      if (!WRITES.has(statement.kind) || statement.kind === "ddl") continue;
      diagnostics.add(
        "method-mismatch",
        "warning",
        statement.keyword,
        `This GET endpoint runs ${label(statement)} before its last statement; GET requests may be cached and repeated, and a READ_ONLY API key cannot call it.`,
        "Move the write to a POST, PUT or DELETE endpoint.",
      );
    }
  }

  if (settings.paginationEnabled && (method !== "GET" || last.kind !== "select")) {
    diagnostics.add(
      "pagination-not-allowed",
      "error",
      last.keyword,
      method !== "GET"
        ? `Pagination only works for GET endpoints, and this one is ${method}.`
        : `Pagination needs the last statement to be a SELECT, and it is ${label(last)}.`,
      "Set paginationEnabled to false, or make the endpoint a GET whose last statement is a SELECT.",
    );
  }

  if (settings.batchOperation) {
    if (method !== "POST" && method !== "PUT") {
      diagnostics.add(
        "batch-mismatch",
        "warning",
        last.keyword,
        `Batch operation is only available for POST and PUT endpoints, and this one is ${method}.`,
        "Turn batchOperation off, or use POST (INSERT) or PUT (UPDATE).",
      );
    } else if (!["insert", "replace", "update"].includes(last.kind)) {
      diagnostics.add(
        "batch-mismatch",
        "warning",
        last.keyword,
        `Batch operation runs the last statement once per item and expects an INSERT or UPDATE, but it is ${label(last)}.`,
        "Turn batchOperation off, or end the template with the INSERT or UPDATE to repeat.",
      );
    }
  }

  for (const statement of facts) {
    if (statement.kind !== "select") continue;
    for (const star of statement.selectStars) {
      diagnostics.add(
        "select-star",
        "warning",
        star,
        "SELECT * returns every column: the response grows and changes shape whenever the table changes.",
        "List the columns the caller needs, e.g. SELECT id, name, created_at.",
      );
    }
  }

  if (
    method === "GET" &&
    !settings.paginationEnabled &&
    last.kind === "select" &&
    !last.hasLimit &&
    !last.singleRow
  ) {
    const rowLimit = settings.rowLimit ?? DEFAULT_ROW_LIMIT;
    diagnostics.add(
      "no-limit",
      "info",
      last.keyword,
      `This SELECT has no LIMIT and pagination is off, so at most ${rowLimit} rows (the endpoint's row limit) come back and the rest are silently dropped.`,
      `Add LIMIT \${limit} (an INTEGER parameter) or enable pagination.`,
    );
  }

  const counted = facts.filter((statement) => statement.kind !== "use");
  if (counted.length > 1) {
    diagnostics.add(
      "multiple-statements",
      "info",
      last.keyword,
      `The template has ${counted.length} statements besides USE. All of them run in order, but only the result of the last one is returned.`,
    );
  }
}
