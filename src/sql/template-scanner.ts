// A small MySQL lexer that knows `${name}` placeholders. The parse tree cannot
// see placeholders inside quotes or comments, nor where a placeholder sits when
// the parse fails, so every placeholder is found here first.

export type TokenKind =
  | "word"
  | "number"
  | "string"
  | "quoted-identifier"
  | "placeholder"
  | "operator"
  | "punctuation"
  | "comment";

export interface Token {
  kind: TokenKind;
  /** 0-based offset of the first character. */
  start: number;
  /** 0-based offset after the last character. */
  end: number;
  text: string;
  /** Upper-cased text for words, otherwise the text itself. */
  upper: string;
}

export type PlaceholderContext = "code" | "string" | "quoted-identifier" | "comment";

export interface Placeholder {
  /** Order of appearance in the template, counting every context. */
  index: number;
  /** The text between `${` and `}` (or the end of the name when unclosed). */
  name: string;
  start: number;
  end: number;
  context: PlaceholderContext;
  closed: boolean;
  validName: boolean;
  /** Index into `tokens` for placeholders in code. */
  tokenIndex?: number;
  /** The string, quoted identifier or comment token that contains the placeholder. */
  container?: Token;
}

export interface StatementSpan {
  /** Offsets of the statement text, from just after the previous `;` up to its own `;` (exclusive). */
  start: number;
  end: number;
  /** Token range [firstToken, endToken) in `tokens`, comments excluded. */
  firstToken: number;
  endToken: number;
}

export interface ScannedTemplate {
  text: string;
  /** Every token except comments, in order. */
  tokens: Token[];
  comments: Token[];
  placeholders: Placeholder[];
  /** Statements with at least one token. */
  statements: StatementSpan[];
}

export const VALID_PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLACEHOLDER_IN_TEXT = /\$\{([^}\n]*)\}/g;

const MULTI_CHAR_OPERATORS = ["<=>", "->>", "<=", ">=", "<>", "!=", ":=", "->", "||", "&&", "<<", ">>"];

function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57) || code === 36;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

export function scanTemplate(text: string): ScannedTemplate {
  const tokens: Token[] = [];
  const comments: Token[] = [];
  const placeholders: Placeholder[] = [];
  const statements: StatementSpan[] = [];
  const length = text.length;
  let statementStart = 0;
  let statementFirstToken = 0;
  let position = 0;

  const push = (kind: TokenKind, start: number, end: number): Token => {
    const tokenText = text.slice(start, end);
    const token: Token = {
      kind,
      start,
      end,
      text: tokenText,
      upper: kind === "word" ? tokenText.toUpperCase() : tokenText,
    };
    if (kind === "comment") comments.push(token);
    else tokens.push(token);
    return token;
  };

  const collectEmbedded = (token: Token, context: PlaceholderContext): void => {
    if (!token.text.includes("${")) return;
    PLACEHOLDER_IN_TEXT.lastIndex = 0;
    for (
      let match = PLACEHOLDER_IN_TEXT.exec(token.text);
      match;
      match = PLACEHOLDER_IN_TEXT.exec(token.text)
    ) {
      const name = match[1] ?? "";
      placeholders.push({
        index: placeholders.length,
        name,
        start: token.start + match.index,
        end: token.start + match.index + match[0].length,
        context,
        closed: true,
        validName: VALID_PARAM_NAME.test(name),
        container: token,
      });
    }
  };

  const endStatement = (end: number): void => {
    if (tokens.length > statementFirstToken) {
      statements.push({
        start: statementStart,
        end,
        firstToken: statementFirstToken,
        endToken: tokens.length,
      });
    }
  };

  while (position < length) {
    const code = text.charCodeAt(position);
    const start = position;
    if (isSpace(code)) {
      position++;
      continue;
    }
    const next = position + 1 < length ? text.charCodeAt(position + 1) : -1;
    // `--` starts a comment only when followed by whitespace or the end (MySQL rule).
    if (
      code === 35 ||
      (code === 45 && next === 45 && (position + 2 >= length || isSpace(text.charCodeAt(position + 2))))
    ) {
      const newline = text.indexOf("\n", position);
      position = newline === -1 ? length : newline;
      collectEmbedded(push("comment", start, position), "comment");
      continue;
    }
    if (code === 47 && next === 42) {
      const close = text.indexOf("*/", position + 2);
      position = close === -1 ? length : close + 2;
      collectEmbedded(push("comment", start, position), "comment");
      continue;
    }
    if (code === 39 || code === 34 || code === 96) {
      position = skipQuoted(text, position, code);
      const token = push(code === 96 ? "quoted-identifier" : "string", start, position);
      collectEmbedded(token, code === 96 ? "quoted-identifier" : "string");
      continue;
    }
    if (code === 36 && next === 123) {
      position = scanPlaceholder(text, position, placeholders, tokens.length);
      push("placeholder", start, position);
      continue;
    }
    if (isDigit(code) || (code === 46 && isDigit(next))) {
      position = skipNumber(text, position);
      push("number", start, position);
      continue;
    }
    if (isWordStart(code) || code === 64) {
      position++;
      while (position < length) {
        const part = text.charCodeAt(position);
        if (part === 36 && text.charCodeAt(position + 1) === 123) break;
        if (!isWordPart(part) && part !== 64) break;
        position++;
      }
      push("word", start, position);
      continue;
    }
    if (code === 59) {
      position++;
      endStatement(start);
      statementStart = position;
      statementFirstToken = tokens.length;
      continue;
    }
    if (code === 40 || code === 41 || code === 44 || code === 46) {
      position++;
      push("punctuation", start, position);
      continue;
    }
    const operator = MULTI_CHAR_OPERATORS.find((candidate) => text.startsWith(candidate, position));
    position += operator ? operator.length : 1;
    push("operator", start, position);
  }
  endStatement(length);
  return { text, tokens, comments, placeholders, statements };
}

function skipQuoted(text: string, start: number, quote: number): number {
  let position = start + 1;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code === 92 && quote !== 96) {
      position += 2;
      continue;
    }
    if (code === quote) {
      if (text.charCodeAt(position + 1) === quote) {
        position += 2;
        continue;
      }
      return position + 1;
    }
    position++;
  }
  return text.length;
}

function skipNumber(text: string, start: number): number {
  let position = start;
  if (text.charCodeAt(position) === 48 && (text[position + 1] === "x" || text[position + 1] === "X")) {
    position += 2;
    while (position < text.length && /[0-9a-fA-F]/.test(text[position]!)) position++;
    return position;
  }
  while (position < text.length && isDigit(text.charCodeAt(position))) position++;
  if (text.charCodeAt(position) === 46) {
    position++;
    while (position < text.length && isDigit(text.charCodeAt(position))) position++;
  }
  const exponent = text[position];
  if (exponent === "e" || exponent === "E") {
    let after = position + 1;
    if (text[after] === "+" || text[after] === "-") after++;
    if (isDigit(text.charCodeAt(after))) {
      position = after;
      while (position < text.length && isDigit(text.charCodeAt(position))) position++;
    }
  }
  return position;
}

/** Scans `${...}` at `start` (in code) and records it; returns the offset after it. */
function scanPlaceholder(
  text: string,
  start: number,
  placeholders: Placeholder[],
  tokenIndex: number,
): number {
  let position = start + 2;
  while (position < text.length && text[position] !== "}" && text[position] !== "\n") position++;
  const closed = text[position] === "}";
  let end: number;
  let name: string;
  if (closed) {
    end = position + 1;
    name = text.slice(start + 2, position);
  } else {
    // Unclosed: claim only the name-like characters so the rest still lexes.
    end = start + 2;
    while (end < text.length && isWordPart(text.charCodeAt(end)) && text.charCodeAt(end) !== 36) end++;
    name = text.slice(start + 2, end);
  }
  placeholders.push({
    index: placeholders.length,
    name,
    start,
    end,
    context: "code",
    closed,
    validName: closed && VALID_PARAM_NAME.test(name),
    tokenIndex,
  });
  return end;
}
