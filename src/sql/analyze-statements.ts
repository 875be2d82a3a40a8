// Parses each statement on its own, so one statement the parser cannot read
// does not hide the others, and classifies every placeholder's use.
import { collectParamUses } from "./ast-param-uses.js";
import type { DiagnosticList } from "./diagnostic-list.js";
import { lexicalParamUse } from "./lexical-param-uses.js";
import type { ParamUse } from "./param-use.js";
import { applyRewrites, findParserGaps, type GapRewrite } from "./parser-gaps.js";
import type { ParserText } from "./parser-text.js";
import { directionOrAliasPosition } from "./placeholder-rules.js";
import { describeParserFailure, type ParsedSql, type ParserFailure, parseMysql } from "./sql-parser.js";
import { factsFromAst, factsFromTokens, type StatementFacts } from "./statement-facts.js";
import { describeSyntaxError, tokenIndexAtOffset } from "./syntax-error-message.js";
import type { Placeholder, ScannedTemplate, StatementSpan } from "./template-scanner.js";

/** Statements the parser handles well; a failure in anything else is reported as a parser gap. */
const WELL_SUPPORTED_KEYWORDS = new Set([
  "SELECT",
  "WITH",
  "INSERT",
  "REPLACE",
  "UPDATE",
  "DELETE",
  "USE",
  "(",
]);

type ParseOutcome = { ok: true; parsed: ParsedSql } | { ok: false; failure: ParserFailure };

function tryParse(text: string): ParseOutcome {
  try {
    return { ok: true, parsed: parseMysql(text) };
  } catch (error) {
    return { ok: false, failure: describeParserFailure(error) };
  }
}

function placeholdersOf(scanned: ScannedTemplate, span: StatementSpan): Placeholder[] {
  return scanned.placeholders.filter(
    (placeholder) =>
      placeholder.context === "code" &&
      placeholder.tokenIndex !== undefined &&
      placeholder.tokenIndex >= span.firstToken &&
      placeholder.tokenIndex < span.endToken,
  );
}

function reportGaps(
  rewrites: readonly GapRewrite[],
  diagnostics: DiagnosticList,
  parsedAfterRewrite: boolean,
): void {
  for (const rewrite of rewrites) {
    diagnostics.add(
      "parser-gap",
      "warning",
      rewrite,
      `${rewrite.construct} is valid TiDB SQL that the offline parser does not support, so this part was not verified` +
        (parsedAfterRewrite ? " (the rest of the statement was checked)." : "."),
      "No change needed if the SQL runs in TiDB; test the endpoint to confirm.",
    );
  }
}

function reportMisplacedPlaceholder(
  scanned: ScannedTemplate,
  placeholder: Placeholder,
  diagnostics: DiagnosticList,
) {
  const raw = `\${${placeholder.name}}`;
  const position = directionOrAliasPosition(scanned, placeholder);
  if (position) {
    diagnostics.add(
      "placeholder-as-identifier",
      "error",
      placeholder,
      `${raw} stands where ${position.what} goes. Parameters only stand for values, never for keywords or names.`,
      position.fix,
    );
    return;
  }
  diagnostics.add(
    "syntax-error",
    "error",
    placeholder,
    `${raw} cannot stand at this position: a parameter is replaced by one value, and a value is not valid here.`,
    "Use the parameter only where a literal such as 42 or 'text' would be valid.",
  );
}

/** Reports a parse failure; returns nothing, the statement then falls back to its tokens. */
function reportFailure(
  scanned: ScannedTemplate,
  span: StatementSpan,
  failure: ParserFailure,
  blocked: ReadonlySet<number>,
  statementPlaceholders: readonly Placeholder[],
  diagnostics: DiagnosticList,
): void {
  const keyword = scanned.tokens[span.firstToken]!;
  if (failure.offset !== undefined) {
    const offset = span.start + failure.offset;
    const tokenIndex = tokenIndexAtOffset(scanned, span, offset);
    const token = scanned.tokens[tokenIndex];
    const atPlaceholder = statementPlaceholders.find(
      (placeholder) => token?.start === placeholder.start && !blocked.has(placeholder.index),
    );
    if (atPlaceholder) {
      reportMisplacedPlaceholder(scanned, atPlaceholder, diagnostics);
      return;
    }
    const explained = statementPlaceholders.some(
      (placeholder) =>
        blocked.has(placeholder.index) &&
        ((offset >= placeholder.start - 1 && offset <= placeholder.end + 1) ||
          placeholder.tokenIndex === tokenIndex - 1),
    );
    // `LIMIT '${n}'`: the parser fails on the quoted string that placeholder-in-quotes already reports.
    const inReportedContainer = scanned.placeholders.some(
      (placeholder) =>
        placeholder.container !== undefined &&
        blocked.has(placeholder.index) &&
        (placeholder.container === token || placeholder.container === scanned.tokens[tokenIndex - 1]),
    );
    if (explained || inReportedContainer || (token && diagnostics.hasErrorAt(token.start))) return;
  }
  if (!WELL_SUPPORTED_KEYWORDS.has(keyword.upper)) {
    diagnostics.add(
      "parser-gap",
      "warning",
      keyword,
      `The offline parser does not fully support ${keyword.upper} statements, so this statement was not verified.`,
      "No change needed if the SQL runs in TiDB; test the endpoint to confirm.",
    );
    return;
  }
  const report = describeSyntaxError(scanned, span, failure);
  diagnostics.add("syntax-error", "error", report, report.message, report.fix);
}

/** Retries with a number, then a string literal in place of the placeholder; undefined when neither gets past it. */
function substituteLiteral(
  text: string,
  base: number,
  placeholder: Placeholder,
): { text: string; outcome: ParseOutcome } | undefined {
  const from = placeholder.start - base;
  const to = placeholder.end - base;
  for (const literal of ["0", "''"]) {
    const candidate = text.slice(0, from) + literal.padEnd(to - from, " ") + text.slice(to);
    const outcome = tryParse(candidate);
    if (outcome.ok || (outcome.failure.offset !== undefined && outcome.failure.offset >= to)) {
      return { text: candidate, outcome };
    }
  }
  return undefined;
}

interface WorkaroundContext {
  blocked: ReadonlySet<number>;
  statementPlaceholders: readonly Placeholder[];
  diagnostics: DiagnosticList;
}

/**
 * Parses a statement, working around what the parser cannot do but TiDB can:
 * a parameter where the parser accepts only a literal (`REGEXP ${p}`) is
 * retried as the literal 0, and known syntax gaps are rewritten. A placeholder
 * where not even a literal fits stays a failure, reported by the caller.
 */
function parseWithWorkarounds(
  scanned: ScannedTemplate,
  span: StatementSpan,
  original: string,
  context: WorkaroundContext,
): ParseOutcome {
  let text = original;
  let outcome = tryParse(text);
  let rewrites: GapRewrite[] | undefined;
  const substituted = new Set<number>();
  for (let attempt = 0; attempt < 16 && !outcome.ok; attempt++) {
    const failure = outcome.failure;
    const offset = failure.offset === undefined ? undefined : span.start + failure.offset;
    const placeholder = context.statementPlaceholders.find(
      (candidate) =>
        candidate.start === offset &&
        !context.blocked.has(candidate.index) &&
        !substituted.has(candidate.index),
    );
    if (placeholder) {
      substituted.add(placeholder.index);
      // Right after another value a literal would read as an alias; the placeholder is misplaced there.
      if (directionOrAliasPosition(scanned, placeholder)) break;
      const literal = substituteLiteral(text, span.start, placeholder);
      // Not even a literal is valid there: the placeholder itself is misplaced, reported by the caller.
      if (!literal) break;
      text = literal.text;
      outcome = literal.outcome;
      continue;
    }
    if (rewrites) break;
    rewrites = findParserGaps(scanned.tokens.slice(span.firstToken, span.endToken));
    if (rewrites.length === 0) break;
    text = applyRewrites(text, span.start, rewrites);
    const retry = tryParse(text);
    if (retry.ok || retry.failure.offset !== undefined || outcome.failure.offset === undefined)
      outcome = retry;
  }
  if (rewrites && rewrites.length > 0) reportGaps(rewrites, context.diagnostics, outcome.ok);
  return outcome;
}

export function analyzeStatements(
  scanned: ScannedTemplate,
  parserText: ParserText,
  blocked: ReadonlySet<number>,
  diagnostics: DiagnosticList,
): StatementFacts[] {
  const resolve = (name: string) => parserText.placeholderOf.get(name);
  return scanned.statements.map((span) => {
    const keyword = scanned.tokens[span.firstToken]!;
    const statementPlaceholders = placeholdersOf(scanned, span);
    const outcome = parseWithWorkarounds(scanned, span, parserText.text.slice(span.start, span.end), {
      blocked,
      statementPlaceholders,
      diagnostics,
    });
    const uses: ParamUse[] = [];
    let facts: StatementFacts;
    if (outcome.ok) {
      for (const ast of outcome.parsed.statements) uses.push(...collectParamUses(ast, resolve));
      facts = factsFromAst(
        outcome.parsed.statements[0],
        outcome.parsed.tableList,
        span,
        keyword,
        parserText.text,
        uses,
      );
    } else {
      reportFailure(scanned, span, outcome.failure, blocked, statementPlaceholders, diagnostics);
      facts = factsFromTokens(scanned, span, uses);
    }
    const seen = new Set(uses.map((use) => use.placeholder));
    for (const placeholder of statementPlaceholders) {
      if (placeholder.validName && !seen.has(placeholder.index)) {
        uses.push(lexicalParamUse(scanned, placeholder, span.endToken));
      }
    }
    return facts;
  });
}
