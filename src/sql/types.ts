import type {
  ArrayItemType,
  EndpointParam,
  EndpointSettings,
  HttpMethod,
  ParamType,
} from "../client/model.js";

export type Severity = "error" | "warning" | "info";

export interface Position {
  /** 1-based line in the original template. */
  line: number;
  /** 1-based column in the original template. */
  column: number;
  /** 0-based offset in the original template. */
  offset: number;
}

export interface Diagnostic {
  /** Stable identifier, e.g. `placeholder-in-quotes`. */
  code: string;
  severity: Severity;
  message: string;
  start: Position;
  end: Position;
  /** A concrete suggested fix, when one exists. */
  fix?: string;
}

export interface ExtractedParam {
  name: string;
  type: ParamType;
  itemType?: ArrayItemType;
  /** Whether the type came from the declared params or was inferred from the SQL. */
  source: "declared" | "inferred";
  /** True when the name fills a `{name}` segment of the endpoint path. */
  inPath: boolean;
  occurrences: number;
}

export type StatementKind =
  | "select"
  | "insert"
  | "replace"
  | "update"
  | "delete"
  | "use"
  | "show"
  | "desc"
  | "explain"
  | "set"
  | "ddl"
  | "other";

export interface TableRef {
  name: string;
  database?: string;
  access: "read" | "write";
}

export interface LintInput {
  sql: string;
  method: HttpMethod;
  path: string;
  params?: EndpointParam[];
  settings?: EndpointSettings & { batchOperation?: boolean };
  /** Allow DDL statements (DROP, TRUNCATE, ALTER, CREATE) without an error. */
  allowDdl?: boolean;
}

export interface LintResult {
  /** False when any diagnostic has severity `error`. */
  ok: boolean;
  diagnostics: Diagnostic[];
  params: ExtractedParam[];
  statements: StatementKind[];
  tables: TableRef[];
}
