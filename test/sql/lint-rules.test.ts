// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the templates use ${param} placeholders on purpose
import { describe, expect, it } from "vitest";
import type { EndpointParam, HttpMethod } from "../../src/client/model.js";
import { lintSqlTemplate } from "../../src/sql/index.js";
import type { Diagnostic, LintInput } from "../../src/sql/types.js";

function lint(sql: string, extra: Partial<LintInput> = {}) {
  return lintSqlTemplate({ sql, method: "GET", path: "/t", ...extra });
}

function only(sql: string, code: string, extra: Partial<LintInput> = {}): Diagnostic {
  const found = lint(sql, extra).diagnostics.filter((d) => d.code === code);
  expect(found, `${code} in ${sql}`).toHaveLength(1);
  return found[0]!;
}

function codes(sql: string, extra: Partial<LintInput> = {}): string[] {
  return lint(sql, extra).diagnostics.map((d) => d.code);
}

const param = (
  name: string,
  type: EndpointParam["type"],
  more: Partial<EndpointParam> = {},
): EndpointParam => ({
  name,
  type,
  ...more,
});

describe("placeholder rules", () => {
  it("placeholder-in-quotes spans the string and rewrites it with CONCAT", () => {
    const sql = "SELECT a FROM t WHERE name LIKE '%${q}%' LIMIT 1";
    const diagnostic = only(sql, "placeholder-in-quotes");
    expect(diagnostic.severity).toBe("error");
    expect(sql.slice(diagnostic.start.offset, diagnostic.end.offset)).toBe("'%${q}%'");
    expect(diagnostic.message).toContain("${q}");
    expect(diagnostic.fix).toBe("Replace `'%${q}%'` with CONCAT('%', ${q}, '%').");
  });

  it("placeholder-in-quotes names every placeholder of one string once", () => {
    const diagnostic = only("SELECT a FROM t WHERE k = '${a}-${b}' LIMIT 1", "placeholder-in-quotes");
    expect(diagnostic.message).toContain("${a}, ${b} are inside");
    expect(diagnostic.fix).toContain("CONCAT(${a}, '-', ${b})");
  });

  it("escaped quotes do not end a string early", () => {
    const sql = "SELECT a FROM t WHERE k = 'it''s ${x}' AND j = 'a\\'${y}' LIMIT 1";
    expect(lint(sql).diagnostics.filter((d) => d.code === "placeholder-in-quotes")).toHaveLength(2);
    expect(lint(sql).params).toEqual([]);
  });

  it("placeholder-in-comment is a warning for every comment form", () => {
    for (const sql of [
      "SELECT a FROM t LIMIT 1 -- ${x}",
      "SELECT a FROM t LIMIT 1 # ${x}",
      "SELECT a /* ${x} */ FROM t LIMIT 1",
    ]) {
      const diagnostic = only(sql, "placeholder-in-comment");
      expect(diagnostic.severity).toBe("warning");
      expect(sql.slice(diagnostic.start.offset, diagnostic.end.offset)).toBe("${x}");
    }
  });

  it("`--` without a following space is not a comment", () => {
    expect(lint("SELECT a FROM t WHERE b = 1--${x}\nLIMIT 1").params.map((p) => p.name)).toEqual(["x"]);
  });

  it("placeholder-glued covers the glued text", () => {
    const sql = "SELECT a FROM t WHERE code = 'A'${n} LIMIT 1";
    const diagnostic = only(sql, "placeholder-glued");
    expect(sql.slice(diagnostic.start.offset, diagnostic.end.offset)).toBe("'A'${n}");
  });

  it("placeholder-as-identifier: FROM, JOIN, INTO, UPDATE, qualified names, backticks, USE", () => {
    for (const sql of [
      "SELECT a FROM ${t} LIMIT 1",
      "SELECT a FROM t JOIN ${u} ON t.id = u.id LIMIT 1",
      "INSERT INTO ${t} (a) VALUES (1)",
      "UPDATE ${t} SET a = 1 WHERE id = 1",
      "SELECT a FROM ${db}.orders LIMIT 1",
      "SELECT t.`${c}` FROM t LIMIT 1",
      "USE ${db}",
    ]) {
      expect(codes(sql), sql).toContain("placeholder-as-identifier");
    }
  });

  it("FROM inside EXTRACT or TRIM and IS DISTINCT FROM take values", () => {
    expect(codes("SELECT EXTRACT(YEAR FROM ${d}) FROM t LIMIT 1")).not.toContain("placeholder-as-identifier");
    expect(codes("SELECT TRIM(LEADING 'x' FROM ${s}) FROM t LIMIT 1")).not.toContain(
      "placeholder-as-identifier",
    );
    expect(codes("SELECT a FROM t WHERE b IS DISTINCT FROM ${v} LIMIT 1")).toEqual(["parser-gap"]);
  });

  it("ORDER BY a column and a direction are both reported, with a CASE fix", () => {
    const result = lint("SELECT a FROM t ORDER BY ${col} ${dir} LIMIT 1");
    const found = result.diagnostics.filter((d) => d.code === "placeholder-as-identifier");
    expect(found.map((d) => d.message.split(" ")[0])).toEqual(["${col}", "${dir}"]);
    expect(found[0]!.fix).toContain("ORDER BY CASE ${col} WHEN");
    expect(found[1]!.fix).toContain("CASE WHEN ${dir} = 'asc'");
  });

  it("a later ORDER BY item is found through the AST", () => {
    const diagnostic = only("SELECT a FROM t ORDER BY a, ${b} LIMIT 1", "placeholder-as-identifier");
    expect(diagnostic.message).toContain("ORDER BY column");
  });

  it("ORDER BY expressions with parameters are fine", () => {
    expect(
      codes("SELECT a FROM t ORDER BY CASE WHEN ${by_name} = 1 THEN name END, a LIKE ${q} LIMIT 1"),
    ).toEqual([]);
  });

  it("foreign-placeholder for other tools' parameter syntax, with the ${name} to write", () => {
    for (const [written, fix] of [
      [":id", "Write ${id}."],
      ["$customer", "Write ${customer}."],
      ["{id}", "Write ${id}."],
      ["{{id}}", "Write ${id}."],
      ["?", "Write ${name} with a name"],
      ["$1", "Write ${name} with a name"],
    ] as const) {
      const sql = `SELECT a FROM t WHERE id = ${written} LIMIT 1`;
      const result = lint(sql);
      expect(
        result.diagnostics.map((d) => d.code),
        sql,
      ).toEqual(["foreign-placeholder"]);
      const diagnostic = result.diagnostics[0]!;
      expect(sql.slice(diagnostic.start.offset, diagnostic.end.offset)).toBe(written);
      expect(diagnostic.fix).toContain(fix);
    }
  });

  it("foreign-placeholder leaves valid MySQL alone", () => {
    for (const sql of [
      "SELECT @rank := @rank + 1 AS r FROM t LIMIT 5",
      "SELECT a FROM t WHERE doc->>'$.name' = ${name} AND j = '{id}' LIMIT 5",
      "SELECT a FROM t WHERE b = 1 -- ? and :id in a comment\nLIMIT 1",
    ]) {
      expect(
        codes(sql).filter((code) => code === "foreign-placeholder"),
        sql,
      ).toEqual([]);
    }
  });

  it("a path parameter written as :name gets foreign-placeholder only", () => {
    expect(codes("SELECT a FROM users WHERE id = :id", { path: "/users/{id}" })).toEqual([
      "foreign-placeholder",
    ]);
  });

  it("pipes-as-concat once per chain next to a string, not for a deliberate OR", () => {
    const sql = "SELECT id FROM users WHERE name LIKE '%' || ${q} || '%' LIMIT 10";
    const diagnostic = only(sql, "pipes-as-concat");
    expect(diagnostic.start.offset).toBe(sql.indexOf("||"));
    expect(diagnostic.fix).toContain("CONCAT('%', ${q}, '%')");
    expect(codes("SELECT id FROM users WHERE a = 1 || b = ${b} LIMIT 10")).toEqual([]);
  });

  it("placeholder-in-select-list is not reported where INSERT … SELECT takes its values", () => {
    const sql =
      "INSERT INTO t (a, b) SELECT ${a}, 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM t WHERE a = ${a})";
    expect(codes(sql, { method: "POST" })).toEqual([]);
    expect(codes("SELECT ${a} AS a FROM DUAL", { method: "GET" })).toEqual(["placeholder-in-select-list"]);
  });

  it("in-without-parentheses suggests the parentheses", () => {
    expect(only("SELECT a FROM t WHERE id NOT IN ${ids} LIMIT 1", "in-without-parentheses").fix).toBe(
      "Write IN (${ids}).",
    );
  });

  it("invalid, unclosed and reserved names", () => {
    expect(only("SELECT a FROM t WHERE b = ${ bad } LIMIT 1", "invalid-param-name").fix).toBe(
      "Write ${bad}.",
    );
    expect(only("SELECT a FROM t WHERE b = ${9lives} LIMIT 1", "invalid-param-name").fix).toBe(
      "Write ${_9lives}.",
    );
    expect(only("SELECT a FROM t WHERE b = ${abc LIMIT 1", "unclosed-placeholder").fix).toBe("Write ${abc}.");
    expect(only("SELECT a FROM t LIMIT ${page_size}", "reserved-param-name").severity).toBe("error");
    expect(codes("SELECT a FROM t WHERE b = ${Page} LIMIT 1")).toEqual([]);
  });
});

describe("declared parameters", () => {
  it("param-not-declared says what will be added and spots case mismatches", () => {
    const added = only("SELECT a FROM t WHERE b IN (${ids}) LIMIT 1", "param-not-declared", { params: [] });
    expect(added.message).toContain("added as ARRAY of STRING, optional");
    const lookalike = only("SELECT a FROM t WHERE b = ${userId} LIMIT 1", "param-not-declared", {
      params: [param("userid", "STRING")],
    });
    expect(lookalike.message).toContain('"userid" is declared');
    expect(lookalike.fix).toContain("${userid}");
  });

  it("without declared params nothing is reported as undeclared or unused", () => {
    expect(codes("SELECT a FROM t WHERE b = ${b} LIMIT 1")).toEqual([]);
  });

  it("param-unused is not reported for a name that only appears in quotes (that has its own error)", () => {
    expect(codes("SELECT a FROM t WHERE b = '${b}' LIMIT 1", { params: [param("b", "STRING")] })).toEqual([
      "placeholder-in-quotes",
    ]);
  });

  it("param-type-conflict: error for LIMIT, warnings for softer uses", () => {
    expect(
      only("SELECT a FROM t LIMIT ${n}", "param-type-conflict", { params: [param("n", "NUMBER")] }).severity,
    ).toBe("error");
    expect(
      only("SELECT a FROM t WHERE ${f} * 2 > 1 LIMIT 1", "param-type-conflict", {
        params: [param("f", "BOOLEAN")],
      }).severity,
    ).toBe("warning");
    expect(codes("SELECT a FROM t WHERE b = ${s} * 2 LIMIT 1", { params: [param("s", "STRING")] })).toEqual(
      [],
    );
  });

  it("array-param-outside-in points at each wrong occurrence", () => {
    const sql = "SELECT a FROM t WHERE id IN (${ids}) OR parent = ${ids} OR ${ids} IS NULL LIMIT 1";
    const found = lint(sql, { params: [param("ids", "ARRAY", { itemType: "INTEGER" })] }).diagnostics;
    expect(found.map((d) => [d.code, d.start.offset])).toEqual([
      ["array-param-outside-in", sql.indexOf("${ids} OR")],
      ["array-param-outside-in", sql.lastIndexOf("${ids}")],
    ]);
  });
});

describe("path parameters", () => {
  it("path-param-missing unless used or declared", () => {
    expect(codes("SELECT a FROM t LIMIT 1", { path: "/t/{id}" })).toEqual(["path-param-missing"]);
    expect(codes("SELECT a FROM t LIMIT 1", { path: "/t/{id}", params: [param("id", "INTEGER")] })).toEqual([
      "param-unused",
    ]);
    expect(codes("SELECT a FROM t WHERE id = ${id} LIMIT 1", { path: "/t/{id}" })).toEqual([]);
  });

  it("a path parameter written in quotes or backticks gets only that error, not path-param-missing", () => {
    const path = "/customers/{customer_id}/orders";
    const quoted = lint("SELECT id FROM orders WHERE customer_id = '${customer_id}' LIMIT 10", { path });
    expect(quoted.diagnostics.map((d) => d.code)).toEqual(["placeholder-in-quotes"]);
    const backticked = lint("SELECT id FROM `${customer_id}` LIMIT 10", { path });
    expect(backticked.diagnostics.map((d) => d.code)).toEqual(["placeholder-as-identifier"]);
  });

  it("path-param-missing says where the name went: a comment, or a look-alike name", () => {
    const path = "/customers/{customer_id}/orders";
    const inComment = only("SELECT id FROM orders -- ${customer_id}\nLIMIT 10", "path-param-missing", {
      path,
    });
    expect(inComment.message).toContain("${customer_id} only inside a comment");
    expect(inComment.message).not.toContain("never uses");
    const camel = only(
      "SELECT id FROM orders WHERE customer_id = ${customerId} LIMIT 10",
      "path-param-missing",
      {
        path,
      },
    );
    expect(camel.message).toContain("uses ${customerId} instead of ${customer_id}");
    expect(camel.fix).toBe(
      "Rename ${customerId} to ${customer_id} in the SQL, or rename {customer_id} to {customerId} in the path.",
    );
    const declared = only(
      "SELECT id FROM orders WHERE customer_id = ${CUSTOMER_ID} LIMIT 10",
      "path-param-missing",
      {
        path,
        params: [param("CUSTOMER_ID", "INTEGER")],
      },
    );
    expect(declared.fix).toContain("in the SQL and params");
  });

  it("path-param-segment for partial segments, bad names and repeats", () => {
    for (const path of ["/t{id}", "/t/{id}x", "/t/{1a}", "/t/{id}/{id}"]) {
      expect(codes("SELECT a FROM t WHERE id = ${id} LIMIT 1", { path })).toContain("path-param-segment");
    }
  });

  it("path-param-type for declared types other than STRING and INTEGER", () => {
    for (const type of ["NUMBER", "BOOLEAN", "ARRAY"] as const) {
      expect(
        codes("SELECT a FROM t WHERE id = ${id} LIMIT 1", { path: "/t/{id}", params: [param("id", type)] }),
      ).toContain("path-param-type");
    }
  });
});

describe("statement rules", () => {
  it("missing-where for UPDATE and DELETE, also multi-table and in later statements", () => {
    expect(codes("UPDATE t SET a = 1", { method: "PUT" })).toEqual(["missing-where"]);
    expect(codes("DELETE FROM t LIMIT 10", { method: "DELETE" })).toEqual(["missing-where"]);
    expect(codes("USE db; DELETE FROM t", { method: "DELETE" })).toEqual(["missing-where"]);
    expect(codes("UPDATE t JOIN u ON t.id = u.id SET t.a = u.a", { method: "PUT" })).toEqual([
      "missing-where",
    ]);
    expect(codes("DELETE FROM t WHERE 1 = 1", { method: "DELETE" })).toEqual([]);
  });

  it("ddl-statement unless allowDdl", () => {
    expect(codes("DROP TABLE t", { method: "DELETE" })).toEqual(["ddl-statement"]);
    expect(codes("DROP TABLE t", { method: "DELETE", allowDdl: true })).toEqual([]);
    expect(codes("CREATE INDEX i ON t (a)", { method: "POST" })).toEqual(["ddl-statement"]);
  });

  it("method-mismatch for each method", () => {
    const cases: [HttpMethod, string][] = [
      ["GET", "INSERT INTO t (a) VALUES (1)"],
      ["POST", "UPDATE t SET a = 1 WHERE id = 1"],
      ["PUT", "DELETE FROM t WHERE id = 1"],
      ["DELETE", "SELECT a FROM t LIMIT 1"],
    ];
    for (const [method, sql] of cases) {
      const diagnostic = only(sql, "method-mismatch", { method });
      expect(diagnostic.severity).toBe("warning");
    }
    expect(codes("INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2", { method: "PUT" })).toEqual(
      [],
    );
  });

  it("pagination-not-allowed and no-limit follow the settings", () => {
    expect(codes("SELECT a FROM t", { settings: { paginationEnabled: true } })).toEqual([]);
    expect(
      codes("INSERT INTO t (a) VALUES (1)", { method: "POST", settings: { paginationEnabled: true } }),
    ).toEqual(["pagination-not-allowed"]);
    expect(only("SELECT a FROM t", "no-limit", { settings: { rowLimit: 250 } }).message).toContain(
      "250 rows",
    );
    expect(codes("SELECT a FROM t", { method: "POST" })).toEqual(["method-mismatch"]);
  });

  it("no-limit is skipped for single-row SELECTs and honours LIMIT in any UNION member", () => {
    expect(codes("SELECT NOW()")).toEqual([]);
    expect(codes("SELECT MAX(a), MIN(a) FROM t")).toEqual([]);
    expect(codes("SELECT a, COUNT(*) FROM t GROUP BY a")).toEqual(["no-limit"]);
    expect(codes("SELECT a FROM t WHERE id = ${id}")).toEqual([]);
    expect(codes("SELECT a FROM t WHERE ID = ${id} AND deleted = 0")).toEqual([]);
    expect(codes("SELECT a FROM t WHERE user_id = ${id}")).toEqual(["no-limit"]);
    expect(codes("SELECT a FROM t WHERE id = ${id} OR b = 1")).toEqual(["no-limit"]);
    expect(codes("SELECT t.a FROM t JOIN u ON u.t_id = t.id WHERE t.id = ${id}")).toEqual(["no-limit"]);
    expect(codes("SELECT a FROM t UNION SELECT a FROM u LIMIT 5")).toEqual([]);
    expect(codes("SELECT IFNULL(SUM(total), 0) AS total, ROUND(AVG(x) * 100, 2) AS pct FROM t")).toEqual([]);
    expect(codes("SELECT SUM(total) OVER (PARTITION BY user_id) AS running FROM t")).toEqual(["no-limit"]);
    expect(codes("SELECT COUNT(*) + a FROM t")).toEqual(["no-limit"]);
    expect(codes("(SELECT a FROM t) UNION ALL (SELECT a FROM u) ORDER BY a LIMIT 5")).toEqual([]);
    expect(codes("(SELECT a FROM t) UNION ALL (SELECT a FROM u) ORDER BY a")).toEqual(["no-limit"]);
  });

  it("select-star points at each star of the outer SELECT only", () => {
    const sql = "SELECT *, t.* FROM t WHERE EXISTS (SELECT * FROM u) LIMIT 1";
    const stars = lint(sql).diagnostics.filter((d) => d.code === "select-star");
    expect(stars.map((d) => d.start.offset)).toEqual([7, 12]);
    expect(codes("INSERT INTO t SELECT * FROM u", { method: "POST" })).toEqual([]);
  });

  it("multiple-statements ignores USE", () => {
    expect(codes("USE a; SELECT 1")).toEqual([]);
    expect(codes("SET @x = 1; SELECT @x")).toEqual(["multiple-statements"]);
  });

  it("batch-mismatch for methods and last statements that cannot batch", () => {
    expect(
      codes("INSERT INTO t (a) VALUES (${a})", { method: "POST", settings: { batchOperation: true } }),
    ).toEqual([]);
    expect(
      codes("DELETE FROM t WHERE id = ${id}", { method: "DELETE", settings: { batchOperation: true } }),
    ).toEqual(["batch-mismatch"]);
  });
});

describe("parse failures", () => {
  it("syntax-error names the token and what was expected", () => {
    const diagnostic = only("SELECT a FROM t WHERE a = 1 ORDER a LIMIT 1", "syntax-error");
    expect(diagnostic.message).toContain("near `a LIMIT 1`");
    expect(diagnostic.message).toContain('"BY"');
  });

  it("syntax-error at the end of the template", () => {
    const sql = "SELECT a FROM t WHERE a = ";
    const diagnostic = only(sql, "syntax-error");
    expect(diagnostic.message).toContain("ends too early");
    expect(diagnostic.start.offset).toBe(sql.trimEnd().length);
  });

  it("a quoted placeholder where the parser needs a number is reported once, as placeholder-in-quotes", () => {
    const sql = "SELECT id FROM orders WHERE id IN ('${ids}') LIMIT '${n}'";
    expect(codes(sql)).toEqual(["placeholder-in-quotes", "placeholder-in-quotes"]);
    expect(codes("SELECT id FROM orders LIMIT '${n}' OFFSET 5")).toEqual(["placeholder-in-quotes"]);
  });

  it("one unreadable statement does not hide the next", () => {
    const result = lint("SELECT a FRM t;\nDELETE FROM t", { method: "DELETE" });
    expect(result.diagnostics.map((d) => `${d.code}@${d.start.line}`)).toEqual([
      "syntax-error@1",
      "missing-where@2",
      "multiple-statements@2",
    ]);
  });

  it("a reserved word used as a name gets a backtick fix", () => {
    expect(only("SELECT key FROM settings LIMIT 1", "syntax-error").fix).toBe(
      "If key is a name, quote it with backticks: `key`.",
    );
    expect(codes("SELECT `key`, `rank` FROM settings LIMIT 1")).toEqual([]);
  });

  it("parser gaps are warnings and the rest of the statement is still checked", () => {
    const result = lint("SELECT a FROM t FORCE INDEX (i) WHERE b = '${x}' LIMIT 1");
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(["parser-gap", "placeholder-in-quotes"]);
    const real = lint("SELECT a FROM t FORCE INDEX (i) WHERE b = = 1 LIMIT 1");
    expect(real.diagnostics.map((d) => d.code).sort()).toEqual(["parser-gap", "syntax-error"]);
  });

  it("statements outside SELECT/INSERT/UPDATE/DELETE that do not parse are gaps, not errors", () => {
    expect(lint("SPLIT TABLE t BETWEEN (0) AND (100) REGIONS 10", { method: "POST" }).ok).toBe(true);
    expect(lint("ANALYZE TABLE t", { method: "POST" }).ok).toBe(true);
  });
});

describe("result", () => {
  it("lists tables of a parsed template, without CTE names", () => {
    const result = lint(
      "USE shop;\nWITH recent AS (SELECT user_id FROM orders WHERE created_at > ${since})\nSELECT r.user_id FROM recent r JOIN crm.users u ON u.id = r.user_id LIMIT 10",
    );
    expect(result.tables).toEqual([
      { name: "orders", database: "shop", access: "read" },
      { name: "users", database: "crm", access: "read" },
    ]);
    expect(
      lint("INSERT INTO archive (id) SELECT id FROM orders WHERE id < ${max}", { method: "POST" }).tables,
    ).toEqual([
      { name: "orders", access: "read" },
      { name: "archive", access: "write" },
    ]);
  });

  it("lists tables from the tokens when the parser cannot read the statement", () => {
    const result = lint(
      "USE shop;\nWITH recent AS (SELECT user_id FROM orders WHERE created_at > ${since})\nINSERT INTO report.active (user_id) SELECT user_id FROM recent",
      { method: "POST" },
    );
    expect(result.statements).toEqual(["use", "insert"]);
    expect(result.tables).toEqual([
      { name: "orders", database: "shop", access: "read" },
      { name: "active", database: "report", access: "write" },
    ]);
  });
});

describe("placeholder-in-quotes fixes", () => {
  it("keep escapes valid in the CONCAT rewrite", () => {
    expect(only("SELECT a FROM t WHERE k = 'it''s ${x}' LIMIT 1", "placeholder-in-quotes").fix).toBe(
      "Replace `'it''s ${x}'` with CONCAT('it''s ', ${x}).",
    );
    expect(only('SELECT a FROM t WHERE k = "it\'s ${x}" LIMIT 1', "placeholder-in-quotes").fix).toBe(
      "Replace `\"it's ${x}\"` with CONCAT('it''s ', ${x}).",
    );
  });
});

describe("statement boundaries", () => {
  it("an ORDER BY in an earlier statement does not make a later placeholder a sort direction", () => {
    const result = lint("SELECT a FROM t ORDER BY a LIMIT 1;\nSELECT b ${x} FROM u LIMIT 1");
    const diagnostic = result.diagnostics.find((d) => d.code === "placeholder-as-identifier");
    expect(diagnostic?.message).toContain("an alias or keyword position");
    expect(diagnostic?.start.line).toBe(2);
  });
});

describe("diagnostics without a place in the SQL", () => {
  it("reports every unused parameter and every missing path parameter, not just the first", () => {
    const result = lint("SELECT a FROM t LIMIT 1", {
      path: "/t/{a}/{b}",
      params: [param("x", "STRING"), param("y", "STRING")],
    });
    const subject = (message: string) =>
      /the parameter \{(\w+)\}|parameter "(\w+)"/.exec(message)?.slice(1).join("");
    expect(result.diagnostics.map((d) => `${d.code}:${subject(d.message)}`)).toEqual([
      "path-param-missing:a",
      "path-param-missing:b",
      "param-unused:x",
      "param-unused:y",
    ]);
  });
});
