import { describe, expect, it } from "vitest";
import { applyRewrites, findParserGaps } from "../../src/sql/parser-gaps.js";
import { parseMysql } from "../../src/sql/sql-parser.js";
import { scanTemplate } from "../../src/sql/template-scanner.js";

/** Valid TiDB SQL that node-sql-parser 5.4 rejects, with the construct each rewrite must name. */
const GAPS: [string, string][] = [
  ["SELECT a FROM t FORCE INDEX (i) WHERE b = 1", "FORCE INDEX"],
  ["SELECT a FROM t IGNORE KEY FOR ORDER BY (i, j) ORDER BY a", "IGNORE KEY"],
  ["SELECT a FROM t USE INDEX FOR JOIN (i) JOIN u ON u.id = t.id", "USE INDEX"],
  ["SELECT a FROM t AS OF TIMESTAMP NOW() - INTERVAL 5 SECOND WHERE b = 1", "AS OF TIMESTAMP"],
  ["SELECT a FROM t AS OF TIMESTAMP '2024-01-01 00:00:00' AS x JOIN u ON u.id = x.id", "AS OF TIMESTAMP"],
  ["SELECT j.x FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (x INT PATH '$')) AS j", "JSON_TABLE"],
  ["SELECT a FROM t WHERE b <=> NULL", "<=>"],
  ["SELECT a FROM t WHERE b IS DISTINCT FROM c", "IS DISTINCT FROM"],
  ["SELECT a FROM t WHERE b IS NOT DISTINCT FROM c", "IS NOT DISTINCT FROM"],
  ["SELECT a FROM t WHERE 3 MEMBER OF (doc)", "MEMBER OF"],
  ["SELECT a FROM t WHERE b = 1 FOR SHARE SKIP LOCKED", "FOR SHARE"],
  ["SELECT a FROM t NATURAL LEFT JOIN u", "NATURAL JOIN"],
  ["EXPLAIN ANALYZE SELECT a FROM t", "EXPLAIN ANALYZE"],
  ["SELECT a FROM t TABLESAMPLE REGIONS()", "TABLESAMPLE"],
  ["INSERT INTO t (a, b) VALUES (1, 2) AS new (x, y) ON DUPLICATE KEY UPDATE b = y", "row alias"],
  ["BATCH ON id LIMIT 1000 DRY RUN DELETE FROM t WHERE a < 10", "BATCH ON"],
  ["SELECT a FROM t PARTITION (p0, p1) WHERE b = 1", "PARTITION"],
  ["INSERT INTO t (a, b) VALUES (1, DEFAULT)", "DEFAULT"],
  ["SELECT STRAIGHT_JOIN o.id FROM orders o JOIN users u ON u.id = o.user_id", "SELECT STRAIGHT_JOIN"],
  ["SELECT HIGH_PRIORITY SQL_NO_CACHE a FROM t", "SELECT HIGH_PRIORITY"],
  ["SELECT DISTINCTROW a FROM t", "SELECT DISTINCTROW"],
  ["SELECT DISTINCT STRAIGHT_JOIN a FROM t", "SELECT STRAIGHT_JOIN"],
  ["SELECT ALL a FROM t", "SELECT ALL"],
];

function rewrite(sql: string) {
  const scanned = scanTemplate(sql);
  const rewrites = findParserGaps(scanned.tokens);
  return { rewrites, text: applyRewrites(sql, 0, rewrites) };
}

describe("parser gaps", () => {
  it.each(GAPS)("%s", (sql, construct) => {
    expect(() => parseMysql(sql)).toThrow();
    const { rewrites, text } = rewrite(sql);
    expect(rewrites.map((r) => r.construct).join(" | ")).toContain(construct);
    for (const r of rewrites) expect(r.replacement).toHaveLength(r.end - r.start);
    expect(text).toHaveLength(sql.length);
    expect(() => parseMysql(text)).not.toThrow();
  });

  it("leaves ordinary SQL alone", () => {
    for (const sql of [
      "USE shop",
      "SELECT a FROM t WHERE b IS NOT NULL",
      "SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) FROM t",
      "SELECT a AS x FROM t",
      "INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2",
      "SELECT a FROM t FOR UPDATE",
      "CREATE TABLE t (a INT DEFAULT 0)",
      "SELECT a FROM t STRAIGHT_JOIN u ON u.id = t.id",
      "SELECT a FROM t UNION ALL SELECT a FROM u",
      "SELECT a FROM t WHERE a > ALL (SELECT b FROM u)",
    ]) {
      expect(rewrite(sql).rewrites, sql).toEqual([]);
    }
  });
});
