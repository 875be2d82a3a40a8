// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the templates use ${param} placeholders on purpose
import { describe, expect, it } from "vitest";
import { buildParserText } from "../../src/sql/parser-text.js";
import { SourcePositions } from "../../src/sql/source-positions.js";
import { scanTemplate } from "../../src/sql/template-scanner.js";

describe("scanTemplate", () => {
  it("finds placeholders in every context", () => {
    const scanned = scanTemplate(
      "SELECT `${c}`, '${s}', \"${d}\" FROM t -- ${l}\nWHERE a = ${v} /* ${b} */ # ${h}",
    );
    expect(scanned.placeholders.map((p) => [p.name, p.context])).toEqual([
      ["c", "quoted-identifier"],
      ["s", "string"],
      ["d", "string"],
      ["l", "comment"],
      ["v", "code"],
      ["b", "comment"],
      ["h", "comment"],
    ]);
  });

  it("splits statements on semicolons outside quotes and comments and skips empty ones", () => {
    const sql = "USE db; SELECT ';' -- ;\n; ; SELECT 2";
    const scanned = scanTemplate(sql);
    expect(scanned.statements.map((s) => sql.slice(s.start, s.end).trim())).toEqual([
      "USE db",
      "SELECT ';' -- ;",
      "SELECT 2",
    ]);
  });

  it("handles unterminated strings and comments without running past the end", () => {
    for (const sql of ["SELECT 'abc", "SELECT /* open", "SELECT `x", "SELECT ${", "SELECT ${abc"]) {
      const scanned = scanTemplate(sql);
      expect(scanned.tokens.every((t) => t.end <= sql.length)).toBe(true);
    }
    expect(scanTemplate("SELECT ${abc").placeholders[0]).toMatchObject({
      name: "abc",
      closed: false,
      end: 12,
    });
  });

  it("does not treat `$` inside a name as a placeholder start", () => {
    expect(scanTemplate("SELECT a$b FROM t").placeholders).toEqual([]);
    expect(scanTemplate("SELECT a$b FROM t").tokens[1]).toMatchObject({ kind: "word", text: "a$b" });
  });
});

describe("buildParserText", () => {
  it("replaces placeholders in code by same-length unique parser parameters", () => {
    const sql = "SELECT a FROM t WHERE a = ${a} AND b = ${a} AND c = '${c}' AND d = ${bad name}";
    const parserText = buildParserText(scanTemplate(sql));
    expect(parserText.text).toHaveLength(sql.length);
    expect(parserText.text).toBe(
      "SELECT a FROM t WHERE a = :p0  AND b = :p1  AND c = '${c}' AND d = 0          ",
    );
    expect([...parserText.placeholderOf]).toEqual([
      ["p0", 0],
      ["p1", 1],
    ]);
  });

  it("falls back to the name when a short placeholder cannot hold its index", () => {
    const sql = Array.from({ length: 1300 }, () => "${a}").join(",");
    const parserText = buildParserText(scanTemplate(sql));
    expect(parserText.text).toHaveLength(sql.length);
    expect(parserText.text.endsWith(":a  ")).toBe(true);
  });
});

describe("SourcePositions", () => {
  it("maps offsets to 1-based lines and columns and clamps out-of-range offsets", () => {
    const positions = new SourcePositions("ab\ncd\n");
    expect(positions.at(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positions.at(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(positions.at(6)).toEqual({ line: 3, column: 1, offset: 6 });
    expect(positions.at(99)).toEqual({ line: 3, column: 1, offset: 6 });
    expect(positions.at(-5)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positions.lineText(2)).toBe("cd");
  });
});
