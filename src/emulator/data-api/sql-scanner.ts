// A lexical pass over an endpoint's SQL template: enough MySQL to know what is
// code, what is quoted text and what is a comment, so statements are split and
// `${name}` placeholders are found only where they stand for values.

export type SqlPieceKind =
  | "code"
  | "quoted"
  | "comment"
  /** `/*! ... *\/` and `/*M! ... *\/`: MySQL and MariaDB run their content. */
  | "executable-comment"
  | "separator"
  | "placeholder";

export interface SqlPiece {
  kind: SqlPieceKind;
  text: string;
  /** The parameter name, for placeholders. */
  name?: string;
}

const PLACEHOLDER = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

function quotedEnd(sql: string, start: number): number {
  const quote = sql[start];
  let index = start + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (char === "\\" && quote !== "`") {
      index += 2;
      continue;
    }
    if (char === quote) {
      if (sql[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index++;
  }
  return sql.length;
}

function lineEnd(sql: string, start: number): number {
  const newline = sql.indexOf("\n", start);
  return newline === -1 ? sql.length : newline + 1;
}

function isDashComment(sql: string, index: number): boolean {
  if (sql[index] !== "-" || sql[index + 1] !== "-") return false;
  const after = sql[index + 2];
  // MySQL needs whitespace or a control character after `--`.
  return after === undefined || after <= " ";
}

/** Splits SQL into pieces; concatenating every piece's text gives the input back. */
export function scanSql(sql: string): SqlPiece[] {
  const pieces: SqlPiece[] = [];
  let code = "";
  const flushCode = () => {
    if (code !== "") pieces.push({ kind: "code", text: code });
    code = "";
  };
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    let end = -1;
    let kind: SqlPieceKind | undefined;
    if (char === "'" || char === '"' || char === "`") {
      end = quotedEnd(sql, index);
      kind = "quoted";
    } else if (char === "#" || isDashComment(sql, index)) {
      end = lineEnd(sql, index);
      kind = "comment";
    } else if (char === "/" && sql[index + 1] === "*") {
      const close = sql.indexOf("*/", index + 2);
      end = close === -1 ? sql.length : close + 2;
      kind = /^\/\*M?!/.test(sql.slice(index, index + 4)) ? "executable-comment" : "comment";
    } else if (char === ";") {
      end = index + 1;
      kind = "separator";
    } else if (char === "$") {
      const match = PLACEHOLDER.exec(sql.slice(index, index + 200));
      if (match !== null) {
        flushCode();
        pieces.push({ kind: "placeholder", text: match[0], name: match[1] });
        index += match[0].length;
        continue;
      }
    }
    if (kind === undefined) {
      code += char;
      index++;
      continue;
    }
    flushCode();
    pieces.push({ kind, text: sql.slice(index, end) });
    index = end;
  }
  flushCode();
  return pieces;
}
