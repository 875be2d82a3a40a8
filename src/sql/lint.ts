import type { HttpMethod } from "../client/model.js";
import { analyzeStatements } from "./analyze-statements.js";
import { DiagnosticList, NOWHERE } from "./diagnostic-list.js";
import { checkForeignPlaceholders } from "./foreign-placeholders.js";
import { checkParams } from "./param-rules.js";
import { buildParserText } from "./parser-text.js";
import { parsePathParams } from "./path-params.js";
import { checkPipesAsConcat } from "./pipes-as-concat.js";
import { checkPlaceholders } from "./placeholder-rules.js";
import { SourcePositions } from "./source-positions.js";
import type { StatementFacts } from "./statement-facts.js";
import { checkStatements } from "./statement-rules.js";
import { type ScannedTemplate, scanTemplate } from "./template-scanner.js";
import type { LintInput, LintResult, TableRef } from "./types.js";

/** Tables read and written, once each; unqualified names take the database of the preceding `USE`. */
function collectTables(facts: readonly StatementFacts[]): TableRef[] {
  const tables: TableRef[] = [];
  const seen = new Set<string>();
  let currentDatabase: string | undefined;
  for (const statement of facts) {
    if (statement.useDatabase) currentDatabase = statement.useDatabase;
    for (const table of statement.tables) {
      const database = table.database ?? currentDatabase;
      const key = `${table.access}\u0000${database ?? ""}\u0000${table.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tables.push({ name: table.name, ...(database ? { database } : {}), access: table.access });
    }
  }
  return tables;
}

/** Same letters, ignoring case and underscores: `customerId` and `CUSTOMER_ID` look like `customer_id`. */
function looksAlike(a: string, b: string): boolean {
  const normalize = (name: string) => name.toLowerCase().replace(/_/g, "");
  return normalize(a) === normalize(b);
}

function checkPath(
  input: LintInput,
  scanned: ScannedTemplate,
  usedNames: ReadonlySet<string>,
  foreignNames: ReadonlySet<string>,
  diagnostics: DiagnosticList,
): string[] {
  const { path } = input;
  const { names, problems } = parsePathParams(path);
  for (const problem of problems) {
    diagnostics.add(
      "path-param-segment",
      "error",
      NOWHERE,
      `The path segment "${problem.segment}" in ${path} is invalid: ${problem.reason}.`,
      problem.fix,
    );
  }
  const declared = new Set((input.params ?? []).map((param) => param.name));
  for (const name of names) {
    // Written as `:name` or `{name}`: foreign-placeholder already says to write ${name}.
    if (usedNames.has(name) || declared.has(name) || foreignNames.has(name)) continue;
    const contexts = new Set(
      scanned.placeholders.filter((placeholder) => placeholder.name === name).map((p) => p.context),
    );
    // In quotes or backticks it is already an error whose fix makes the SQL use it.
    if (contexts.has("string") || contexts.has("quoted-identifier")) continue;
    const raw = `\${${name}}`;
    const lookalike = [...usedNames, ...declared].find((other) => looksAlike(other, name));
    const usage = contexts.has("comment")
      ? `the SQL has ${raw} only inside a comment, where it filters nothing,`
      : lookalike
        ? `the SQL uses \${${lookalike}} instead of ${raw} (names must match exactly, case included)`
        : `the SQL never uses ${raw}`;
    diagnostics.add(
      "path-param-missing",
      "error",
      NOWHERE,
      `The path ${path} has the parameter {${name}}, but ${usage} and params do not declare it.`,
      lookalike && !contexts.has("comment")
        ? `Rename \${${lookalike}} to ${raw} in the SQL${declared.has(lookalike) ? " and params" : ""}, or rename {${name}} to {${lookalike}} in the path.`
        : `Use it in the SQL, e.g. WHERE ${name} = ${raw}, or remove {${name}} from the path.`,
    );
  }
  return names;
}

/** The result around the diagnostics collected so far: `ok` unless one is an error. */
function result(
  diagnostics: DiagnosticList,
  extracted: Pick<LintResult, "params" | "statements" | "tables">,
): LintResult {
  const sorted = diagnostics.sorted();
  return {
    ok: !sorted.some((diagnostic) => diagnostic.severity === "error"),
    diagnostics: sorted,
    ...extracted,
  };
}

function lint(input: LintInput, diagnostics: DiagnosticList): LintResult {
  const { sql } = input;
  const scanned = scanTemplate(sql);
  if (scanned.statements.length === 0) {
    diagnostics.add(
      "empty-template",
      "error",
      { start: 0, end: sql.length },
      "The SQL template contains no statement.",
      `Write the SQL the endpoint runs, e.g. SELECT id, name FROM users WHERE id = \${id}.`,
    );
  }
  const blocked = checkPlaceholders(scanned, diagnostics);
  const foreignNames = checkForeignPlaceholders(scanned, diagnostics);
  checkPipesAsConcat(scanned, diagnostics);
  const facts = analyzeStatements(scanned, buildParserText(scanned), blocked, diagnostics);
  const usedNames = new Set(
    scanned.placeholders
      .filter((p) => p.context === "code" && p.validName)
      .map((placeholder) => placeholder.name),
  );
  const pathNames = checkPath(input, scanned, usedNames, foreignNames, diagnostics);
  const params = checkParams({
    scanned,
    uses: facts.flatMap((statement) => statement.uses),
    ...(Array.isArray(input.params) ? { declared: input.params } : {}),
    pathNames,
    blocked,
    diagnostics,
  });
  checkStatements(facts, input, diagnostics);
  return result(diagnostics, {
    params,
    statements: facts.map((statement) => statement.kind),
    tables: collectTables(facts),
  });
}

/**
 * Checks a Data Service SQL template with `${param}` placeholders and extracts
 * its parameters, statements and tables. Pure and synchronous; never throws.
 */
export function lintSqlTemplate(input: LintInput): LintResult {
  const sql = typeof input?.sql === "string" ? input.sql : "";
  const method: HttpMethod = input?.method ?? "GET";
  const path = typeof input?.path === "string" ? input.path : "";
  const diagnostics = new DiagnosticList(new SourcePositions(sql));
  try {
    return lint({ ...input, sql, method, path }, diagnostics);
  } catch (error) {
    // A linter bug must not block the user's endpoint: report it and let the service decide.
    const detail = error instanceof Error ? error.message : String(error);
    diagnostics.add(
      "internal-error",
      "warning",
      NOWHERE,
      `The linter failed on this template (${detail}), so it was not verified.`,
      "Test the endpoint after creating it.",
    );
    return result(diagnostics, { params: [], statements: [], tables: [] });
  }
}
