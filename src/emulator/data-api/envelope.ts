// The data API's response envelope (facts §3) and the management test call's
// camelCase variant, built from one neutral outcome.

export interface OutcomeColumn {
  col: string;
  dataType: string;
  nullable: boolean;
}

export type OutcomeRow = Record<string, string | null>;

export interface CallOutcome {
  /** The HTTP status of the response. */
  status: number;
  /** "sql_endpoint", or "" for failures before an endpoint is reached (auth, rate limit). */
  type: string;
  columns: OutcomeColumn[];
  rows: OutcomeRow[];
  code: number;
  message: string;
  /** Epoch milliseconds, or "" when nothing ran. */
  startMs: number | "";
  endMs: number | "";
  latency: string;
  rowCount: number;
  rowAffect: number;
  limit: number;
}

export const ENDPOINT_TYPE = "sql_endpoint";

export function formatLatency(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3)}s`;
}

export function failure(status: number, code: number, message: string, type = ENDPOINT_TYPE): CallOutcome {
  const gateway = type === "";
  return {
    status,
    type,
    columns: [],
    rows: [],
    code,
    message,
    startMs: gateway ? 0 : "",
    endMs: gateway ? 0 : "",
    latency: "",
    rowCount: 0,
    rowAffect: 0,
    limit: 0,
  };
}

const PARAM_CHECK_PREFIX = "param check failed! ";

export function paramCheckFailure(detail: string): CallOutcome {
  return failure(400, 400, `${PARAM_CHECK_PREFIX}${detail}`);
}

export function internalFailure(detail: string): CallOutcome {
  return failure(500, 500, `internal error! ${detail}`);
}

/** The data API body: snake_case result fields. */
export function dataApiBody(outcome: CallOutcome): unknown {
  return {
    type: outcome.type,
    data: {
      columns: outcome.columns.map((column) => ({
        col: column.col,
        data_type: column.dataType,
        nullable: column.nullable,
      })),
      rows: outcome.rows,
      result: {
        code: outcome.code,
        message: outcome.message,
        start_ms: outcome.startMs,
        end_ms: outcome.endMs,
        latency: outcome.latency,
        row_count: outcome.rowCount,
        row_affect: outcome.rowAffect,
        limit: outcome.limit,
      },
    },
  };
}

/** The management test call body: camelCase, each row wrapped as `{items}`. */
export function testCallBody(outcome: CallOutcome): unknown {
  return {
    type: outcome.type,
    data: {
      columns: outcome.columns.map((column) => ({
        col: column.col,
        dataType: column.dataType,
        nullable: column.nullable,
      })),
      rows: outcome.rows.map((row) => ({ items: row })),
      result: {
        code: outcome.code,
        message: outcome.message,
        startMs: outcome.startMs === "" ? 0 : outcome.startMs,
        endMs: outcome.endMs === "" ? 0 : outcome.endMs,
        latency: outcome.latency,
        rowCount: outcome.rowCount,
        rowAffect: outcome.rowAffect,
        limit: outcome.limit,
      },
    },
  };
}
