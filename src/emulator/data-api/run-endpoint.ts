import type { EndpointRecord } from "../records.js";
import { type BoundStatement, bindStatement } from "./bind-template.js";
import type { ClusterDatabases } from "./cluster-databases.js";
import {
  type CallOutcome,
  ENDPOINT_TYPE,
  failure,
  formatLatency,
  internalFailure,
  type OutcomeRow,
  paramCheckFailure,
} from "./envelope.js";
import { ParamCheckError, resolveParamValues } from "./param-values.js";
import {
  isReadOnlyStatement,
  type SqlStatement,
  statementText,
  templateStatements,
} from "./sql-statements.js";
import {
  DatabaseUnavailableError,
  QueryTimeoutError,
  type RunStatement,
  SqlError,
  type StatementResult,
  withConnection,
} from "./statement-runner.js";

export interface Pagination {
  page: number;
  pageSize: number;
}

export interface EndpointCall {
  endpoint: EndpointRecord;
  /** Raw parameter values by name: one map for a plain call, one per item for a batch call. */
  items: ReadonlyMap<string, unknown>[];
  batch: boolean;
  pathParamNames: ReadonlySet<string>;
  /** Set when the caller's key is READ_ONLY. */
  readOnly: boolean;
  pagination?: Pagination;
}

const READ_ONLY_KINDS_TEXT = "SELECT, SHOW, USE, DESC and EXPLAIN";

function readOnlyRefusal(statement: SqlStatement): CallOutcome {
  const text = statementText(statement);
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return failure(
    403,
    403,
    `permission denied: this API key is READ_ONLY and may run only ${READ_ONLY_KINDS_TEXT}, but the endpoint runs "${shown}". Call it with a READ_AND_WRITE key.`,
  );
}

function bindItem(
  statements: readonly SqlStatement[],
  call: EndpointCall,
  raw: ReadonlyMap<string, unknown>,
): BoundStatement[] {
  const values = resolveParamValues(call.endpoint.params, raw, call.pathParamNames);
  return statements.map((statement) => bindStatement(statement, values));
}

async function runAll(run: RunStatement, statements: BoundStatement[]): Promise<StatementResult> {
  let last: StatementResult = { kind: "write", affectedRows: 0, insertId: 0 };
  for (const statement of statements) last = await run(statement);
  return last;
}

function pageOf(rows: OutcomeRow[], call: EndpointCall): OutcomeRow[] {
  const { rowLimit } = call.endpoint.settings;
  if (call.pagination === undefined) return rows.slice(0, rowLimit);
  const start = (call.pagination.page - 1) * call.pagination.pageSize;
  return rows.slice(start, start + call.pagination.pageSize);
}

function writeMessage(affected: number, ms: number): string {
  return `Query OK, ${affected} ${affected === 1 ? "row" : "rows"} affected (${(ms / 1000).toFixed(3)} sec)`;
}

function batchRowMessage(kind: string): string {
  if (kind === "INSERT" || kind === "REPLACE") return "Row insert successfully";
  if (kind === "UPDATE") return "Row update successfully";
  if (kind === "DELETE") return "Row delete successfully";
  return "Row execute successfully";
}

interface Timing {
  startMs: number;
  endMs: number;
}

function success(call: EndpointCall, timing: Timing, fields: Partial<CallOutcome>): CallOutcome {
  return {
    status: 200,
    type: ENDPOINT_TYPE,
    columns: [],
    rows: [],
    code: 200,
    message: "Query OK!",
    startMs: timing.startMs,
    endMs: timing.endMs,
    latency: formatLatency(timing.endMs - timing.startMs),
    rowCount: 0,
    rowAffect: 0,
    limit: call.endpoint.settings.rowLimit,
    ...fields,
  };
}

async function runPlain(
  run: RunStatement,
  call: EndpointCall,
  bound: BoundStatement[],
): Promise<CallOutcome> {
  const startMs = Date.now();
  const last = await runAll(run, bound);
  const timing = { startMs, endMs: Date.now() };
  if (last.kind === "rows") {
    const rows = pageOf(last.rows, call);
    return success(call, timing, { columns: last.columns, rows, rowCount: rows.length });
  }
  return success(call, timing, {
    message: writeMessage(last.affectedRows, timing.endMs - startMs),
    rowAffect: last.affectedRows,
  });
}

async function runBatch(
  run: RunStatement,
  call: EndpointCall,
  items: BoundStatement[][],
): Promise<CallOutcome> {
  const startMs = Date.now();
  const rows: OutcomeRow[] = [];
  let affected = 0;
  for (const [index, statements] of items.entries()) {
    const lastKind = statements.at(-1)?.kind ?? "";
    try {
      const last = await runAll(run, statements);
      const written = last.kind === "write" ? last : { affectedRows: 0, insertId: 0 };
      affected += written.affectedRows;
      rows.push({
        index: String(index),
        message: batchRowMessage(lastKind),
        success: "true",
        auto_increment_id: lastKind === "INSERT" && written.insertId > 0 ? String(written.insertId) : null,
      });
    } catch (error) {
      if (!(error instanceof SqlError)) throw error;
      rows.push({ index: String(index), message: error.message, success: "false", auto_increment_id: null });
    }
  }
  const timing = { startMs, endMs: Date.now() };
  return success(call, timing, {
    rows,
    rowCount: rows.length,
    rowAffect: affected,
    message: writeMessage(affected, timing.endMs - startMs),
  });
}

/** Checks, binds and runs an endpoint's SQL on its cluster's database, and describes the outcome as the data API does. */
export async function runEndpoint(call: EndpointCall, databases: ClusterDatabases): Promise<CallOutcome> {
  const statements = templateStatements(call.endpoint.sqlTemplate);
  if (statements.length === 0) {
    return internalFailure("the endpoint's SQL template has no statement. Give the endpoint a SQL template.");
  }
  if (call.readOnly) {
    const write = statements.find((statement) => !isReadOnlyStatement(statement));
    if (write !== undefined) return readOnlyRefusal(write);
  }
  let items: BoundStatement[][];
  try {
    items = call.items.map((raw, index) => {
      try {
        return bindItem(statements, call, raw);
      } catch (error) {
        if (error instanceof ParamCheckError && call.batch)
          throw new ParamCheckError(`item ${index}: ${error.message}`);
        throw error;
      }
    });
  } catch (error) {
    if (!(error instanceof ParamCheckError)) throw error;
    return paramCheckFailure(error.message);
  }
  if (call.batch && call.items.length === 0) {
    return paramCheckFailure(
      'a batch call needs at least one item: send {"items": [{...}, ...]} or a JSON array',
    );
  }
  const lookup = databases.lookup(call.endpoint.clusterId);
  if (!lookup.ok) return internalFailure(lookup.message);
  try {
    return await withConnection(lookup.database, call.endpoint.settings.timeout, (run) =>
      call.batch ? runBatch(run, call, items) : runPlain(run, call, items[0] ?? []),
    );
  } catch (error) {
    if (error instanceof QueryTimeoutError) return failure(408, 408, "request timeout.");
    if (error instanceof SqlError) {
      return { ...failure(200, error.errno, error.message), limit: call.endpoint.settings.rowLimit };
    }
    if (error instanceof DatabaseUnavailableError) return internalFailure(error.message);
    throw error;
  }
}
