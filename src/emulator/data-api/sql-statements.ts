import { type SqlPiece, scanSql } from "./sql-scanner.js";

export interface SqlStatement {
  /** The statement's pieces, without the separating `;`. */
  pieces: SqlPiece[];
  /** The statement's leading keyword, upper-cased (`SELECT`, `INSERT`, ...); `WITH` resolves to its main verb. */
  kind: string;
  /** True for a SELECT that writes a file (`INTO OUTFILE` / `INTO DUMPFILE`). */
  writesFile: boolean;
  /** True when the statement holds a comment MySQL would execute (`/*! ... *\/`). */
  hasExecutableComment: boolean;
}

const READ_ONLY_KINDS = new Set(["SELECT", "SHOW", "USE", "DESC", "DESCRIBE", "EXPLAIN"]);
const WITH_VERBS = new Set(["SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE"]);

/** The words of the statement's code at parenthesis depth 0, upper-cased, in order. */
function topLevelWords(pieces: SqlPiece[]): string[] {
  const words: string[] = [];
  let depth = 0;
  for (const piece of pieces) {
    if (piece.kind !== "code") continue;
    const pattern = /[()]|[A-Za-z_][A-Za-z0-9_$]*/g;
    for (const match of piece.text.matchAll(pattern)) {
      const token = match[0];
      if (token === "(") depth++;
      else if (token === ")") depth = Math.max(0, depth - 1);
      else if (depth === 0) words.push(token.toUpperCase());
    }
  }
  return words;
}

/** The first word of the code, looking inside leading parentheses: `(SELECT ...) UNION ...` is a SELECT. */
function firstWord(pieces: SqlPiece[]): string {
  for (const piece of pieces) {
    if (piece.kind === "quoted" || piece.kind === "placeholder") return "";
    if (piece.kind !== "code") continue;
    const match = /^[\s(]*([A-Za-z_][A-Za-z0-9_]*)?/.exec(piece.text);
    if (match?.[1] !== undefined) return match[1].toUpperCase();
    if (piece.text.trim().replace(/\(/g, "") !== "") return "";
  }
  return "";
}

function classify(pieces: SqlPiece[]): string {
  const first = firstWord(pieces);
  if (first !== "WITH") return first;
  // A CTE's body is in parentheses, so the main verb is the first top-level verb after WITH.
  return topLevelWords(pieces).find((word) => WITH_VERBS.has(word)) ?? "WITH";
}

function hasCode(pieces: SqlPiece[]): boolean {
  return pieces.some(
    (piece) =>
      piece.kind === "quoted" ||
      piece.kind === "placeholder" ||
      piece.kind === "executable-comment" ||
      (piece.kind === "code" && piece.text.trim() !== ""),
  );
}

/** Every word of the statement's code, at any depth, upper-cased. */
function allWords(pieces: SqlPiece[]): string[] {
  return pieces
    .filter((piece) => piece.kind === "code")
    .flatMap((piece) =>
      [...piece.text.matchAll(/[A-Za-z_][A-Za-z0-9_$]*/g)].map((match) => match[0].toUpperCase()),
    );
}

function toStatement(pieces: SqlPiece[]): SqlStatement {
  // INTO OUTFILE may also close a parenthesised SELECT.
  const words = allWords(pieces);
  const intoIndex = words.findIndex(
    (word, index) => word === "INTO" && (words[index + 1] === "OUTFILE" || words[index + 1] === "DUMPFILE"),
  );
  return {
    pieces,
    kind: classify(pieces),
    writesFile: intoIndex !== -1,
    hasExecutableComment: pieces.some((piece) => piece.kind === "executable-comment"),
  };
}

/** Splits a template on `;` outside quotes and comments; statements with nothing but comments are dropped. */
export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let current: SqlPiece[] = [];
  for (const piece of scanSql(sql)) {
    if (piece.kind === "separator") {
      if (hasCode(current)) statements.push(toStatement(current));
      current = [];
    } else {
      current.push(piece);
    }
  }
  if (hasCode(current)) statements.push(toStatement(current));
  return statements;
}

const PARSED_TEMPLATES_CAP = 512;
const parsedTemplates = new Map<string, readonly SqlStatement[]>();

/** `splitStatements`, remembered per template text: every call of an endpoint runs the same template, so it is scanned once. */
export function templateStatements(sql: string): readonly SqlStatement[] {
  const known = parsedTemplates.get(sql);
  if (known !== undefined) return known;
  if (parsedTemplates.size >= PARSED_TEMPLATES_CAP) {
    const oldest = parsedTemplates.keys().next().value;
    if (oldest !== undefined) parsedTemplates.delete(oldest);
  }
  const statements = Object.freeze(splitStatements(sql));
  parsedTemplates.set(sql, statements);
  return statements;
}

/**
 * Whether a READ_ONLY key may run the statement. EXPLAIN ANALYZE / DESC ANALYZE
 * execute the statement they explain, so those count as what they explain.
 */
export function isReadOnlyStatement(statement: SqlStatement): boolean {
  if (statement.hasExecutableComment || statement.writesFile) return false;
  if (!READ_ONLY_KINDS.has(statement.kind)) return false;
  if (statement.kind === "EXPLAIN" || statement.kind === "DESC" || statement.kind === "DESCRIBE") {
    const words = topLevelWords(statement.pieces);
    if (words.includes("ANALYZE")) {
      const explained = words.slice(words.indexOf("ANALYZE") + 1).find((word) => WITH_VERBS.has(word));
      return explained === undefined || explained === "SELECT";
    }
  }
  return true;
}

/** The statement's SQL text as written (placeholders still `${name}`), for messages. */
export function statementText(statement: SqlStatement): string {
  return statement.pieces
    .map((piece) => piece.text)
    .join("")
    .trim();
}
