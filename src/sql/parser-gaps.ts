// TiDB/MySQL syntax that node-sql-parser 5.4 rejects although TiDB accepts it.
// Each gap is rewritten into same-length text the parser accepts, so the rest
// of the statement is still checked and offsets stay those of the template.
import type { Token } from "./template-scanner.js";

export interface GapRewrite {
  /** What the construct is, for the message, e.g. `FORCE INDEX (…)`. */
  construct: string;
  start: number;
  end: number;
  replacement: string;
}

const AS_OF_BOUNDARIES = new Set([
  "WHERE",
  "GROUP",
  "ORDER",
  "LIMIT",
  "HAVING",
  "JOIN",
  "LEFT",
  "RIGHT",
  "INNER",
  "CROSS",
  "STRAIGHT_JOIN",
  "NATURAL",
  "UNION",
  "ON",
  "USING",
  "FOR",
  "LOCK",
  "WINDOW",
  "AS",
]);

/** Words allowed between SELECT and the select list (MySQL select options). */
const SELECT_OPTIONS = new Set([
  "ALL",
  "DISTINCT",
  "DISTINCTROW",
  "HIGH_PRIORITY",
  "STRAIGHT_JOIN",
  "SQL_SMALL_RESULT",
  "SQL_BIG_RESULT",
  "SQL_BUFFER_RESULT",
  "SQL_CACHE",
  "SQL_NO_CACHE",
  "SQL_CALC_FOUND_ROWS",
]);

function isSelectOptionPosition(tokens: readonly Token[], index: number): boolean {
  for (let before = index - 1; before >= 0; before--) {
    const token = tokens[before]!;
    if (isWord(token, "SELECT")) return true;
    if (token.kind !== "word" || !SELECT_OPTIONS.has(token.upper)) return false;
  }
  return false;
}

function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === "word" && words.includes(token.upper);
}

function isPunctuation(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === "punctuation" && token.text === text;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (isPunctuation(token, "(")) depth++;
    else if (isPunctuation(token, ")")) {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function blank(construct: string, start: number, end: number, replacement = ""): GapRewrite {
  return { construct, start, end, replacement: replacement.padEnd(end - start, " ") };
}

/** Finds the known parser gaps among a statement's tokens. */
export function findParserGaps(tokens: readonly Token[]): GapRewrite[] {
  const rewrites: GapRewrite[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    if (token.kind === "operator" && token.text === "<=>") {
      rewrites.push(blank("the null-safe comparison <=>", token.start, token.end, " ="));
      continue;
    }
    if (token.kind !== "word") continue;
    switch (token.upper) {
      case "USE":
      case "FORCE":
      case "IGNORE": {
        if (index === 0 || !isWord(next, "INDEX", "KEY")) break;
        let open = index + 2;
        if (isWord(tokens[open], "FOR")) {
          open += isWord(tokens[open + 1], "JOIN") ? 2 : 3;
        }
        if (!isPunctuation(tokens[open], "(")) break;
        const close = matchingParen(tokens, open);
        if (close === -1) break;
        rewrites.push(
          blank(`the index hint ${token.upper} ${next!.upper} (…)`, token.start, tokens[close]!.end),
        );
        index = close;
        break;
      }
      case "IS": {
        const negated = isWord(next, "NOT");
        const distinct = tokens[index + (negated ? 2 : 1)];
        const from = tokens[index + (negated ? 3 : 2)];
        if (!isWord(distinct, "DISTINCT") || !isWord(from, "FROM")) break;
        const construct = negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
        rewrites.push(blank(construct, token.start, from!.end, negated ? "=" : "<>"));
        break;
      }
      case "PARTITION": {
        // Partition selection after a table name: FROM t PARTITION (p0, p1).
        const before = tokens[index - 1];
        if (!isPunctuation(next, "(") || (before?.kind !== "word" && before?.kind !== "quoted-identifier"))
          break;
        const close = matchingParen(tokens, index + 1);
        if (close !== -1) rewrites.push(blank("PARTITION (…) selection", token.start, tokens[close]!.end));
        break;
      }
      case "DEFAULT": {
        // DEFAULT as a value in VALUES (…) or SET col = DEFAULT.
        const before = tokens[index - 1];
        const valueSlot = isPunctuation(before, "(") || isPunctuation(before, ",") || before?.text === "=";
        if (
          valueSlot &&
          (next === undefined || isPunctuation(next, ",") || isPunctuation(next, ")") || next.kind === "word")
        ) {
          rewrites.push(blank("DEFAULT as a value", token.start, token.end, "NULL"));
        }
        break;
      }
      case "ALL":
      case "STRAIGHT_JOIN":
      case "HIGH_PRIORITY":
        if (isSelectOptionPosition(tokens, index))
          rewrites.push(blank(`SELECT ${token.upper}`, token.start, token.end));
        break;
      case "DISTINCTROW":
        // A synonym of DISTINCT, which the parser knows.
        if (isSelectOptionPosition(tokens, index))
          rewrites.push(blank("SELECT DISTINCTROW", token.start, token.end, "DISTINCT"));
        break;
      case "MEMBER":
        if (isWord(next, "OF")) rewrites.push(blank("MEMBER OF (…)", token.start, next!.end, "="));
        break;
      case "FOR": {
        if (!isWord(next, "SHARE")) break;
        let end = next!.end;
        if (isWord(tokens[index + 2], "NOWAIT")) end = tokens[index + 2]!.end;
        else if (isWord(tokens[index + 2], "SKIP") && isWord(tokens[index + 3], "LOCKED"))
          end = tokens[index + 3]!.end;
        rewrites.push(blank("FOR SHARE", token.start, end));
        break;
      }
      case "NATURAL":
        if (isWord(next, "JOIN", "LEFT", "RIGHT", "INNER"))
          rewrites.push(blank("NATURAL JOIN", token.start, token.end));
        break;
      case "ANALYZE":
        if (index > 0 && isWord(tokens[index - 1], "EXPLAIN")) {
          rewrites.push(blank("EXPLAIN ANALYZE", token.start, token.end));
        }
        break;
      case "TABLESAMPLE": {
        const open = isWord(next, "REGIONS") ? index + 2 : -1;
        const close = open !== -1 && isPunctuation(tokens[open], "(") ? matchingParen(tokens, open) : -1;
        if (close !== -1) rewrites.push(blank("TABLESAMPLE REGIONS()", token.start, tokens[close]!.end));
        break;
      }
      case "JSON_TABLE": {
        if (!isPunctuation(next, "(")) break;
        const close = matchingParen(tokens, index + 1);
        // A derived table keeps the FROM clause valid; JSON_TABLE( … ) is always at least 12 characters.
        if (close !== -1)
          rewrites.push(blank("JSON_TABLE(…)", token.start, tokens[close]!.end, "(SELECT 1)"));
        break;
      }
      case "BATCH": {
        // TiDB non-transactional DML: BATCH ON col LIMIT n [DRY RUN [QUERY]] DELETE …
        if (index !== 0 || !isWord(next, "ON") || !isWord(tokens[index + 3], "LIMIT")) break;
        let last = index + 4;
        if (isWord(tokens[last + 1], "DRY") && isWord(tokens[last + 2], "RUN")) {
          last += 2;
          if (isWord(tokens[last + 1], "QUERY")) last++;
        }
        if (tokens[last]) rewrites.push(blank("BATCH ON … LIMIT …", token.start, tokens[last]!.end));
        index = last;
        break;
      }
      case "AS": {
        if (isWord(next, "OF") && isWord(tokens[index + 2], "TIMESTAMP")) {
          let end = index + 3;
          let depth = 0;
          for (; end < tokens.length; end++) {
            const candidate = tokens[end]!;
            if (isPunctuation(candidate, "(")) depth++;
            else if (isPunctuation(candidate, ")")) {
              if (depth === 0) break;
              depth--;
            } else if (
              depth === 0 &&
              (isPunctuation(candidate, ",") || isWord(candidate, ...AS_OF_BOUNDARIES))
            )
              break;
          }
          const lastToken = tokens[end - 1]!;
          rewrites.push(blank("AS OF TIMESTAMP (stale read)", token.start, lastToken.end));
          index = end - 1;
          break;
        }
        // MySQL 8.0.19 row alias: INSERT … VALUES (…) AS new [(a, b)] ON DUPLICATE KEY UPDATE …
        if (next?.kind !== "word" && next?.kind !== "quoted-identifier") break;
        let after = index + 2;
        if (isPunctuation(tokens[after], "(")) {
          const close = matchingParen(tokens, after);
          if (close === -1) break;
          after = close + 1;
        }
        if (isWord(tokens[after], "ON") && isWord(tokens[after + 1], "DUPLICATE")) {
          rewrites.push(
            blank("the row alias AS … ON DUPLICATE KEY UPDATE", token.start, tokens[after - 1]!.end),
          );
        }
        break;
      }
    }
  }
  return rewrites;
}

/** Applies rewrites (in template offsets) to `text`, which starts at template offset `base`. */
export function applyRewrites(text: string, base: number, rewrites: readonly GapRewrite[]): string {
  let result = text;
  for (const rewrite of rewrites) {
    const from = rewrite.start - base;
    result = result.slice(0, from) + rewrite.replacement + result.slice(rewrite.end - base);
  }
  return result;
}
