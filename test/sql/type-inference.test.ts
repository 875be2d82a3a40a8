// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the templates use ${param} placeholders on purpose
import { describe, expect, it } from "vitest";
import type { EndpointParam } from "../../src/client/model.js";
import { lintSqlTemplate } from "../../src/sql/index.js";

function typesOf(sql: string, params?: EndpointParam[]): Record<string, string> {
  const result = lintSqlTemplate({ sql, method: "GET", path: "/t", ...(params ? { params } : {}) });
  return Object.fromEntries(
    result.params.map((p) => [p.name, p.itemType ? `${p.type}<${p.itemType}>` : p.type]),
  );
}

describe("parameter type inference", () => {
  it("LIMIT and OFFSET give INTEGER, in both LIMIT forms", () => {
    expect(typesOf("SELECT a FROM t LIMIT ${n} OFFSET ${o}")).toEqual({ n: "INTEGER", o: "INTEGER" });
    expect(typesOf("SELECT a FROM t LIMIT ${o}, ${n}")).toEqual({ o: "INTEGER", n: "INTEGER" });
  });

  it("IN (...) gives ARRAY, with the item type when the other side tells it", () => {
    expect(typesOf("SELECT a FROM t WHERE id IN (${ids}) LIMIT 1")).toEqual({ ids: "ARRAY<STRING>" });
    expect(typesOf("SELECT a FROM t WHERE id IN (1, ${more}) LIMIT 1")).toEqual({ more: "ARRAY<INTEGER>" });
    expect(typesOf("SELECT a FROM t WHERE code NOT IN ('x', ${codes}) LIMIT 1")).toEqual({
      codes: "ARRAY<STRING>",
    });
    expect(typesOf("SELECT a FROM t WHERE price IN (1.5, ${prices}) LIMIT 1")).toEqual({
      prices: "ARRAY<NUMBER>",
    });
  });

  it("a scalar on the left of IN takes the type of the listed literals", () => {
    expect(typesOf("SELECT a FROM t WHERE ${level} IN (1, 2, 3) LIMIT 1")).toEqual({ level: "INTEGER" });
  });

  it("comparison with a numeric literal gives INTEGER or NUMBER", () => {
    expect(typesOf("SELECT a FROM t WHERE ${n} > 10 LIMIT 1")).toEqual({ n: "INTEGER" });
    expect(typesOf("SELECT a FROM t WHERE ${x} <= 2.5 LIMIT 1")).toEqual({ x: "NUMBER" });
    expect(typesOf("SELECT a FROM t WHERE c BETWEEN ${lo} AND 100 LIMIT 1")).toEqual({ lo: "INTEGER" });
    expect(typesOf("SELECT a FROM t GROUP BY a HAVING COUNT(*) >= ${min} LIMIT 1")).toEqual({
      min: "INTEGER",
    });
  });

  it("arithmetic gives NUMBER and a decimal comparison beats an integer one", () => {
    expect(typesOf("SELECT a FROM t WHERE price * ${rate} > 100 LIMIT 1")).toEqual({ rate: "NUMBER" });
    expect(typesOf("SELECT a FROM t WHERE ${x} > 1 OR ${x} < 2.5 LIMIT 1")).toEqual({ x: "NUMBER" });
  });

  it("LIMIT wins over every softer use of the same name", () => {
    expect(typesOf("SELECT a FROM t WHERE b < ${n} * 1.5 LIMIT ${n}")).toEqual({ n: "INTEGER" });
  });

  it("INTERVAL and integer function arguments give INTEGER", () => {
    expect(typesOf("SELECT a FROM t WHERE d > NOW() - INTERVAL ${days} DAY LIMIT 1")).toEqual({
      days: "INTEGER",
    });
    expect(typesOf("SELECT LEFT(name, ${n}) FROM t LIMIT 1")).toEqual({ n: "INTEGER" });
  });

  it("LIKE gives STRING, also through CONCAT", () => {
    expect(typesOf("SELECT a FROM t WHERE name LIKE ${p} LIMIT 1")).toEqual({ p: "STRING" });
    expect(typesOf("SELECT a FROM t WHERE name LIKE CONCAT(${prefix}, '%') AND ${n} > 1 LIMIT 1")).toEqual({
      prefix: "STRING",
      n: "INTEGER",
    });
  });

  it("comparison with TRUE or FALSE, and a bare condition, give BOOLEAN", () => {
    expect(typesOf("SELECT a FROM t WHERE ${flag} = TRUE LIMIT 1")).toEqual({ flag: "BOOLEAN" });
    expect(typesOf("SELECT a FROM t WHERE ${flag} IS FALSE LIMIT 1")).toEqual({ flag: "BOOLEAN" });
    expect(typesOf("SELECT a FROM t WHERE b = 1 AND NOT ${archived} LIMIT 1")).toEqual({
      archived: "BOOLEAN",
    });
    expect(typesOf("SELECT IF(${verbose}, a, NULL) FROM t LIMIT 1")).toEqual({ verbose: "BOOLEAN" });
  });

  it("anything else is STRING", () => {
    expect(typesOf("SELECT a FROM t WHERE name = ${name} AND d > ${since} LIMIT 1")).toEqual({
      name: "STRING",
      since: "STRING",
    });
    expect(typesOf("INSERT INTO t (a, b) VALUES (${a}, ${b})")).toEqual({ a: "STRING", b: "STRING" });
  });

  it("declared types win over inferred ones, and the source says which", () => {
    const result = lintSqlTemplate({
      sql: "SELECT a FROM t WHERE id = ${id} AND name LIKE ${q} LIMIT ${n}",
      method: "GET",
      path: "/t",
      params: [{ name: "id", type: "INTEGER" }],
    });
    expect(result.params).toEqual([
      { name: "id", type: "INTEGER", source: "declared", inPath: false, occurrences: 1 },
      { name: "q", type: "STRING", source: "inferred", inPath: false, occurrences: 1 },
      { name: "n", type: "INTEGER", source: "inferred", inPath: false, occurrences: 1 },
    ]);
  });

  it("a declared ARRAY without an item type gets the inferred one", () => {
    const result = lintSqlTemplate({
      sql: "SELECT a FROM t WHERE id IN (1, ${ids}) LIMIT 1",
      method: "GET",
      path: "/t",
      params: [{ name: "ids", type: "ARRAY" }],
    });
    expect(result.params[0]).toMatchObject({ type: "ARRAY", itemType: "INTEGER", source: "declared" });
  });

  it("path parameters are marked and limited to STRING or INTEGER", () => {
    const result = lintSqlTemplate({
      sql: "SELECT a FROM t WHERE id = ${id} AND price > ${price} * 1.5 LIMIT 1",
      method: "GET",
      path: "/t/{id}/{price}",
    });
    expect(result.ok).toBe(true);
    expect(result.params).toEqual([
      { name: "id", type: "STRING", source: "inferred", inPath: true, occurrences: 1 },
      { name: "price", type: "STRING", source: "inferred", inPath: true, occurrences: 1 },
    ]);
  });

  it("infers from the tokens when the parser cannot read the statement", () => {
    const result = lintSqlTemplate({
      sql: "SELECT a FROM t WHERE x IN (${ids}) AND y LIKE ${q} AND z > 3 AND w = ${w} LIMIT ${n} GARBAGE",
      method: "GET",
      path: "/t",
    });
    expect(result.diagnostics.map((d) => d.code)).toContain("syntax-error");
    expect(Object.fromEntries(result.params.map((p) => [p.name, p.type]))).toEqual({
      ids: "ARRAY",
      q: "STRING",
      w: "STRING",
      n: "INTEGER",
    });
  });

  it("counts occurrences per name", () => {
    const result = lintSqlTemplate({
      sql: "SELECT a FROM t WHERE (${q} IS NULL OR a = ${q}) AND b = ${b} LIMIT 1",
      method: "GET",
      path: "/t",
    });
    expect(result.params.map((p) => [p.name, p.occurrences])).toEqual([
      ["q", 2],
      ["b", 1],
    ]);
  });
});
