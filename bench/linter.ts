// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the templates use ${param} placeholders on purpose
// SQL template linter throughput, and its cost against a bare node-sql-parser
// parse of the same templates (placeholders substituted the usual way, by one
// regex replace timed with the parse, as every caller of the parser must).
// Targets: >= 3,000 templates/s for a typical mix; linter/parse ratio <= 1.5.
import nodeSqlParser from "node-sql-parser/build/mysql.js";
import type { HttpMethod } from "../src/client/model.js";
import { lintSqlTemplate } from "../src/sql/index.js";

const { Parser } = nodeSqlParser;
const parser = new Parser();

interface Sample {
  method: HttpMethod;
  path: string;
  sql: string;
}

/** A typical mix: point reads, searches with paging, an aggregate, writes, a CTE, USE + SELECT. */
const MIX: Sample[] = [
  { method: "GET", path: "/users/{id}", sql: "SELECT id, name, email FROM users WHERE id = ${id}" },
  {
    method: "GET",
    path: "/orders",
    sql: "SELECT o.id, o.total, u.name FROM orders o JOIN users u ON u.id = o.user_id\nWHERE o.status = ${status} AND o.created_at >= ${since}\nORDER BY o.created_at DESC LIMIT ${limit} OFFSET ${offset}",
  },
  {
    method: "GET",
    path: "/products/search",
    sql: "SELECT id, name, price FROM products WHERE name LIKE CONCAT('%', ${q}, '%') AND price <= ${max_price} AND category_id IN (${categories}) LIMIT 50",
  },
  {
    method: "GET",
    path: "/stats/daily",
    sql: "USE shop;\nSELECT DATE(created_at) AS day, COUNT(*) AS orders, SUM(total) AS revenue FROM orders\nWHERE created_at > NOW() - INTERVAL ${days} DAY GROUP BY DATE(created_at) ORDER BY day LIMIT 100",
  },
  {
    method: "POST",
    path: "/orders",
    sql: "INSERT INTO orders (user_id, total, status) VALUES (${user_id}, ${total}, 'new')\nON DUPLICATE KEY UPDATE total = VALUES(total)",
  },
  {
    method: "PUT",
    path: "/orders/{id}",
    sql: "UPDATE orders SET status = ${status}, updated_at = NOW() WHERE id = ${id}",
  },
  {
    method: "DELETE",
    path: "/sessions/{id}",
    sql: "DELETE FROM sessions WHERE id = ${id} AND user_id = ${user_id}",
  },
  {
    method: "GET",
    path: "/top_customers",
    sql: "WITH ranked AS (\n  SELECT user_id, SUM(total) AS spent, ROW_NUMBER() OVER (ORDER BY SUM(total) DESC) AS rn\n  FROM orders WHERE created_at >= ${since} GROUP BY user_id\n)\nSELECT user_id, spent FROM ranked WHERE rn <= ${top} LIMIT 100",
  },
];

function substitute(sql: string): string {
  return sql.replace(/\$\{([A-Za-z_]\w*)\}/g, (match, name: string) => `:${name}`.padEnd(match.length));
}

/** The least any caller of the parser must do: substitute the placeholders, then parse. */
function bareParseRound(): void {
  for (const sample of MIX) {
    parser.parse(substitute(sample.sql), { database: "MySQL", parseOptions: { includeLocations: true } });
  }
}

function lintRound(): void {
  for (const sample of MIX) lintSqlTemplate(sample);
}

function timeRounds(round: () => void, rounds: number): number {
  const start = process.hrtime.bigint();
  for (let index = 0; index < rounds; index++) round();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Sanity: the mix must lint without errors, or the benchmark measures error paths.
for (const sample of MIX) {
  const result = lintSqlTemplate(sample);
  if (!result.ok)
    throw new Error(`benchmark template has errors: ${sample.sql}\n${JSON.stringify(result.diagnostics)}`);
}

// Warm up both paths, then alternate batches so both see the same machine load.
timeRounds(bareParseRound, 200);
timeRounds(lintRound, 200);
const batches = 300;
const roundsPerBatch = 2;
let parseMs = 0;
let lintMs = 0;
for (let batch = 0; batch < batches; batch++) {
  parseMs += timeRounds(bareParseRound, roundsPerBatch);
  lintMs += timeRounds(lintRound, roundsPerBatch);
}
const templates = batches * roundsPerBatch * MIX.length;
const lintPerSecond = templates / (lintMs / 1000);
const parsePerSecond = templates / (parseMs / 1000);
const ratio = lintMs / parseMs;

console.log(`linter benchmark: ${templates} templates per side, mix of ${MIX.length} typical templates`);
console.log(
  `  bare parse : ${parsePerSecond.toFixed(0)} templates/s (${((parseMs * 1000) / templates).toFixed(0)} µs each)`,
);
console.log(
  `  linter     : ${lintPerSecond.toFixed(0)} templates/s (${((lintMs * 1000) / templates).toFixed(0)} µs each)`,
);
console.log(`  ratio linter/parse: ${ratio.toFixed(2)}`);
console.log(`  target >= 3000 templates/s: ${lintPerSecond >= 3000 ? "met" : "MISSED"}`);
console.log(`  target ratio <= 1.5: ${ratio <= 1.5 ? "met" : "MISSED"}`);
