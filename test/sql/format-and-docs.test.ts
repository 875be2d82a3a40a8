// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the templates use ${param} placeholders on purpose
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/sql/diagnostic-codes.js";
import { formatDiagnostics, lintSqlTemplate } from "../../src/sql/index.js";

describe("formatDiagnostics", () => {
  it("prints position, severity, code, message, the source line with carets, and the fix", () => {
    const sql = "SELECT id\nFROM users WHERE name = '${name}' LIMIT 1";
    const text = formatDiagnostics(sql, lintSqlTemplate({ sql, method: "GET", path: "/u" }).diagnostics);
    expect(text.split("\n")).toEqual([
      expect.stringMatching(/^2:25 error placeholder-in-quotes \$\{name\} is inside the quoted string/),
      "  FROM users WHERE name = '${name}' LIMIT 1",
      `  ${" ".repeat(24)}^^^^^^^^^`,
      "  fix: Replace `'${name}'` with ${name}.",
    ]);
  });

  it("keeps tabs in the caret indent and marks zero-width ranges with one caret", () => {
    const sql = "SELECT a\n\tFROM t WHERE";
    const text = formatDiagnostics(sql, lintSqlTemplate({ sql, method: "GET", path: "/t" }).diagnostics);
    expect(text).toContain("\n  \tFROM t WHERE\n  \t            ^");
  });

  it("prints diagnostics without a source line (path and params) on one line", () => {
    const sql = "SELECT a FROM t LIMIT 1";
    const text = formatDiagnostics(sql, lintSqlTemplate({ sql, method: "GET", path: "/t/{id}" }).diagnostics);
    expect(text.split("\n")[0]).toMatch(/^1:1 error path-param-missing The path \/t\/\{id\}/);
    expect(formatDiagnostics("", [])).toBe("");
  });
});

describe("docs/linter.md", () => {
  const docs = readFileSync(new URL("../../docs/linter.md", import.meta.url), "utf8");

  it("documents every diagnostic code on one table line with its severity", () => {
    for (const code of DIAGNOSTIC_CODES) {
      const line = docs.split("\n").find((row) => new RegExp(`^\\| \`${code}\` +\\|`).test(row));
      expect(line, code).toBeDefined();
      expect(line).toMatch(/\| (error|warning|info)( \/ (error|warning|info))? +\|/);
    }
  });

  it("documents no code the linter does not have", () => {
    const documented = [...docs.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });
});
