import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/sql/diagnostic-codes.js";
import { lintSqlTemplate } from "../../src/sql/index.js";
import { CORPUS, type CorpusCase } from "./corpus.js";

function lint(testCase: CorpusCase) {
  return lintSqlTemplate({
    sql: testCase.sql,
    method: testCase.method,
    path: testCase.path,
    ...(testCase.params ? { params: testCase.params } : {}),
    ...(testCase.settings ? { settings: testCase.settings } : {}),
    ...(testCase.allowDdl ? { allowDdl: true } : {}),
  });
}

describe("template corpus", () => {
  it("has at least 80 templates, good and bad, covering every diagnostic code but internal-error", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(80);
    const clean = CORPUS.filter((testCase) => testCase.expect.length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(20);
    const covered = new Set(
      CORPUS.flatMap((testCase) => testCase.expect.map((entry) => entry.split("@")[0])),
    );
    const missing = DIAGNOSTIC_CODES.filter((code) => code !== "internal-error" && !covered.has(code));
    expect(missing).toEqual([]);
  });

  it.each(CORPUS.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const result = lint(testCase);
    const actual = result.diagnostics.map((d) => `${d.code}@${d.start.line}:${d.start.column}`);
    expect([...actual].sort()).toEqual([...testCase.expect].sort());
    expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === "error"));
    expect(result.statements).toEqual(testCase.statements);
    expect(result.params.map((p) => `${p.name}:${p.type}${p.itemType ? `<${p.itemType}>` : ""}`)).toEqual(
      testCase.extracted,
    );
    for (const diagnostic of result.diagnostics) {
      expect(diagnostic.message.length).toBeGreaterThan(20);
      expect(diagnostic.start.offset).toBeLessThanOrEqual(diagnostic.end.offset);
      expect(diagnostic.end.offset).toBeLessThanOrEqual(testCase.sql.length);
    }
  });
});
