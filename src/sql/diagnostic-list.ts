import type { DiagnosticCode } from "./diagnostic-codes.js";
import type { SourcePositions } from "./source-positions.js";
import type { Diagnostic, Severity } from "./types.js";

/** Template text for a message: in backticks, on one line, cut to `limit` characters. */
export function quoteCode(text: string, limit: number): string {
  const single = text.replace(/\s+/g, " ");
  return `\`${single.length > limit ? `${single.slice(0, limit - 1)}…` : single}\``;
}

/** The range of a diagnostic about the input as a whole (params, path) rather than a place in the SQL. */
export const NOWHERE = { start: 0, end: 0 };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Collects diagnostics by template offsets; the same finding reported twice is kept once. */
export class DiagnosticList {
  private readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly positions: SourcePositions) {}

  add(
    code: DiagnosticCode,
    severity: Severity,
    range: { start: number; end: number },
    message: string,
    fix?: string,
  ) {
    const key = `${code}:${range.start}:${range.end}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const start = this.positions.at(range.start);
    const end = this.positions.at(Math.max(range.start, range.end));
    this.items.push({ code, severity, message, start, end, ...(fix ? { fix } : {}) });
  }

  /** Whether an error already covers `offset`, so a parse failure there needs no second report. */
  hasErrorAt(offset: number): boolean {
    return this.items.some(
      (item) => item.severity === "error" && item.start.offset <= offset && offset < item.end.offset,
    );
  }

  /** Diagnostics in template order, errors first at the same offset. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(
      (a, b) =>
        a.start.offset - b.start.offset ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.code.localeCompare(b.code),
    );
  }
}
