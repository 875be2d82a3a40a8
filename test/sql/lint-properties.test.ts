// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the templates use ${param} placeholders on purpose
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, PARAM_TYPES } from "../../src/client/model.js";
import { lintSqlTemplate } from "../../src/sql/index.js";
import type { LintResult, Position } from "../../src/sql/types.js";

/** Fragments that stress the lexer: placeholders, every quote and comment form, keywords. */
const FRAGMENTS = [
  "${",
  "}",
  "${id}",
  "${ids}",
  "${a b}",
  "$",
  "{",
  "'",
  '"',
  "`",
  "\\",
  "--",
  "-- ",
  "#",
  "/*",
  "*/",
  "/*+ ",
  "\n",
  "\r\n",
  " ",
  "\t",
  ";",
  "(",
  ")",
  ",",
  ".",
  "*",
  "=",
  "<=>",
  ":",
  "?",
  "SELECT",
  "FROM",
  "WHERE",
  "IN",
  "LIMIT",
  "ORDER BY",
  "DESC",
  "UPDATE",
  "DELETE",
  "INSERT INTO",
  "VALUES",
  "USE",
  "WITH",
  "AS",
  "OF",
  "TIMESTAMP",
  "FORCE INDEX",
  "JSON_TABLE",
  "t",
  "x1",
  "1",
  "1.5",
  "0x1F",
  "é",
  "😀",
];

const templateArbitrary = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join("")),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(" ")),
);

const paramArbitrary = fc.record({
  name: fc.oneof(fc.constantFrom("id", "ids", "page", "q", "ID"), fc.string({ maxLength: 8 })),
  type: fc.constantFrom(...PARAM_TYPES),
});

const inputArbitrary = fc.record({
  sql: templateArbitrary,
  method: fc.constantFrom(...HTTP_METHODS),
  path: fc.oneof(
    fc.constantFrom("/users/{id}", "/x{y}", "/a/{}", "/{ids}/{ids}"),
    fc.string({ maxLength: 20 }),
  ),
  params: fc.option(fc.array(paramArbitrary, { maxLength: 4 }), { nil: undefined }),
  settings: fc.option(
    fc.record({
      paginationEnabled: fc.boolean(),
      batchOperation: fc.boolean(),
      rowLimit: fc.integer({ min: 1, max: 2000 }),
    }),
    { nil: undefined },
  ),
});

function expectedPosition(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1, offset };
}

function checkResult(sql: string, result: LintResult): void {
  expect(result.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
  expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === "error"));
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.start.offset).toBeGreaterThanOrEqual(0);
    expect(diagnostic.start.offset).toBeLessThanOrEqual(diagnostic.end.offset);
    expect(diagnostic.end.offset).toBeLessThanOrEqual(sql.length);
    expect(diagnostic.start).toEqual(expectedPosition(sql, diagnostic.start.offset));
    expect(diagnostic.end).toEqual(expectedPosition(sql, diagnostic.end.offset));
  }
}

describe("lintSqlTemplate properties", () => {
  it("never throws and reports only positions inside the template", () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        checkResult(input.sql, lintSqlTemplate(input));
      }),
      { numRuns: 1500 },
    );
  });

  it("extracts exactly the well-formed placeholders written in code", () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/).filter((n) => n !== "page" && n !== "page_size");
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), (names) => {
        const sql = `SELECT id FROM t WHERE ${names.map((n) => `c_${n} = \${${n}}`).join(" AND ")} LIMIT 10`;
        const result = lintSqlTemplate({ sql, method: "GET", path: "/t" });
        expect(result.ok).toBe(true);
        expect(result.params.map((p) => p.name)).toEqual(names);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps reported positions on the original text however long the placeholder names are", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9_]{0,40}$/),
        fc.integer({ min: 0, max: 3 }),
        (name, lines) => {
          const sql = `SELECT id\n${"\n".repeat(lines)}FROM t WHERE a = \${${name}} AND b = \${${name}} WHERE`;
          const result = lintSqlTemplate({ sql, method: "GET", path: "/t" });
          const syntax = result.diagnostics.find((d) => d.code === "syntax-error");
          expect(syntax?.start.offset).toBe(sql.lastIndexOf("WHERE"));
          checkResult(sql, result);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("survives hostile input objects", () => {
    const hostile = [
      { sql: undefined, method: "GET", path: "/x" },
      { sql: 42, method: "PATCH", path: undefined },
      { sql: "SELECT 1", method: "GET", path: "/x", params: [{ name: 5, type: "ARRAY" }] },
    ];
    for (const input of hostile) {
      // @ts-expect-error: deliberately malformed input, as an untyped caller might send
      const result = lintSqlTemplate(input);
      expect(Array.isArray(result.diagnostics)).toBe(true);
    }
  });
});
