export { DIAGNOSTIC_CODES, type DiagnosticCode } from "./diagnostic-codes.js";
export { formatDiagnostics } from "./format-diagnostics.js";
export { lintSqlTemplate } from "./lint.js";
export type {
  Diagnostic,
  ExtractedParam,
  LintInput,
  LintResult,
  Position,
  Severity,
  StatementKind,
  TableRef,
} from "./types.js";
