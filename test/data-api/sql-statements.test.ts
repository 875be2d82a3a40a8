// biome-ignore-all lint/suspicious/noTemplateCurlyInString: endpoint SQL templates use ${name} placeholders.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bindStatement } from "../../src/emulator/data-api/bind-template.js";
import type { ParamValue } from "../../src/emulator/data-api/param-values.js";
import { scanSql } from "../../src/emulator/data-api/sql-scanner.js";
import {
  isReadOnlyStatement,
  splitStatements,
  templateStatements,
} from "../../src/emulator/data-api/sql-statements.js";

const kinds = (sql: string) => splitStatements(sql).map((statement) => statement.kind);
const readOnly = (sql: string) => splitStatements(sql).every(isReadOnlyStatement);
const bindAll = (sql: string, values: Record<string, ParamValue>) =>
  splitStatements(sql).map((statement) => bindStatement(statement, new Map(Object.entries(values))));

describe("statement splitting", () => {
  it("splits on semicolons outside quotes and comments and drops empty statements", () => {
    expect(kinds("USE db; SELECT 1;; ")).toEqual(["USE", "SELECT"]);
    expect(kinds("SELECT ';' AS a; SELECT \"x;y\"; SELECT `a;b` FROM t")).toEqual([
      "SELECT",
      "SELECT",
      "SELECT",
    ]);
    expect(kinds("SELECT 1 -- ; DELETE FROM t\n; # ; DROP\nSELECT 2")).toEqual(["SELECT", "SELECT"]);
    expect(kinds("/* Getting Started ; */ SELECT 1; /* only a comment */")).toEqual(["SELECT"]);
    expect(kinds("SELECT 'it''s; fine', 'back\\'slash;' ; INSERT INTO t VALUES (1)")).toEqual([
      "SELECT",
      "INSERT",
    ]);
  });

  it("treats `--` as a comment only when followed by whitespace", () => {
    expect(kinds("SELECT 1--1; SELECT 2")).toEqual(["SELECT", "SELECT"]);
  });

  it("gives scanned pieces that reassemble to the input", () => {
    fc.assert(
      fc.property(fc.string(), (sql) => {
        expect(
          scanSql(sql)
            .map((piece) => piece.text)
            .join(""),
        ).toBe(sql);
      }),
    );
  });

  it("resolves WITH to its main verb and looks inside leading parentheses", () => {
    expect(kinds("WITH a AS (SELECT 1) SELECT * FROM a")).toEqual(["SELECT"]);
    expect(kinds("WITH a AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM a)")).toEqual([
      "DELETE",
    ]);
    expect(kinds("(SELECT 1) UNION (SELECT 2)")).toEqual(["SELECT"]);
    expect(kinds("  select 1")).toEqual(["SELECT"]);
  });
});

describe("READ_ONLY statement kinds", () => {
  it("allows SELECT, SHOW, USE, DESC and EXPLAIN", () => {
    for (const sql of [
      "SELECT 1",
      "SHOW TABLES",
      "USE db",
      "DESC t",
      "DESCRIBE t",
      "EXPLAIN SELECT 1",
      "/* c */ SELECT 1",
    ]) {
      expect(readOnly(sql), sql).toBe(true);
    }
  });

  it("refuses writes however they are dressed", () => {
    for (const sql of [
      "INSERT INTO t VALUES (1)",
      "SELECT 1; DELETE FROM t",
      "/* SELECT */ DELETE FROM t",
      "-- SELECT\nUPDATE t SET a = 1",
      "WITH a AS (SELECT 1) UPDATE t SET x = 1",
      "SELECT * FROM t INTO OUTFILE '/tmp/x'",
      "(SELECT * FROM t INTO DUMPFILE '/tmp/x')",
      "SELECT 1 /*! ; DROP TABLE t */",
      "/*!50000 DELETE FROM t */",
      "EXPLAIN ANALYZE DELETE FROM t",
      "SET @a = 1",
      "CALL p()",
      "DROP TABLE t",
      "'SELECT'",
    ]) {
      expect(readOnly(sql), sql).toBe(false);
    }
  });
});

describe("binding placeholders", () => {
  it("replaces placeholders in code with ? and leaves quoted and commented ones alone", () => {
    const [bound] = bindAll("SELECT * FROM t WHERE a = ${a} AND b = '${a}' -- ${a}\n AND c IN (${list})", {
      a: "x",
      list: [1, 2, 3],
    });
    expect(bound?.sql).toBe("SELECT * FROM t WHERE a = ? AND b = '${a}' -- ${a}\n AND c IN (?, ?, ?)");
    expect(bound?.values).toEqual(["x", 1, 2, 3]);
  });

  it("binds per statement in order", () => {
    const bound = bindAll("INSERT INTO t VALUES (${a}); SELECT * FROM t WHERE a = ${a} AND b = ${b}", {
      a: 1,
      b: null,
    });
    expect(bound.map((statement) => statement.values)).toEqual([[1], [1, null]]);
  });

  it("refuses a placeholder the endpoint does not declare", () => {
    expect(() => bindAll("SELECT ${missing}", {})).toThrow(/declares no parameter 'missing'/);
  });

  it("never puts a value into the SQL text", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        (value, list) => {
          const [bound] = bindAll("SELECT * FROM t WHERE a = ${a} AND b IN (${list})", { a: value, list });
          expect(bound?.sql).toBe(`SELECT * FROM t WHERE a = ? AND b IN (${list.map(() => "?").join(", ")})`);
          expect(bound?.values).toEqual([value, ...list]);
        },
      ),
    );
  });
});

describe("templateStatements", () => {
  it("scans a template once and hands later calls the same frozen statements", () => {
    const sql = "SELECT 1; SELECT id FROM t WHERE id = ${id}";
    const first = templateStatements(sql);
    expect(templateStatements(sql)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.map((statement) => statement.kind)).toEqual(["SELECT", "SELECT"]);
    expect(templateStatements(`${sql} `)).not.toBe(first);
  });
});
