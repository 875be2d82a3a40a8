import { escapeId, type FieldPacket, type PoolConnection, type ResultSetHeader } from "mysql2/promise";
import type { BoundStatement } from "./bind-template.js";
import type { ClusterDatabase } from "./cluster-databases.js";
import { BIT_TYPE_CODE, columnDataType, columnNullable } from "./column-types.js";
import type { OutcomeColumn, OutcomeRow } from "./envelope.js";

export type StatementResult =
  | { kind: "rows"; columns: OutcomeColumn[]; rows: OutcomeRow[] }
  | { kind: "write"; affectedRows: number; insertId: number };

export type RunStatement = (statement: BoundStatement) => Promise<StatementResult>;

/** The endpoint's timeout passed: the running statement was killed. */
export class QueryTimeoutError extends Error {
  constructor() {
    super("request timeout.");
    this.name = "QueryTimeoutError";
  }
}

/** A statement the database refused: its error code and message. */
export class SqlError extends Error {
  constructor(
    readonly errno: number,
    message: string,
  ) {
    super(message);
    this.name = "SqlError";
  }
}

/** The database cannot be reached or the connection broke. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

// Statements that leave no state on the session; after anything else (USE,
// SET, BEGIN, LOCK, ...) the connection is dropped instead of going back to the pool.
const STATELESS_KINDS = new Set([
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "REPLACE",
  "SHOW",
  "DESC",
  "DESCRIBE",
  "EXPLAIN",
]);

const KILL_GRACE_MS = 5000;

function cellText(value: unknown, field: FieldPacket | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) {
    if (field?.columnType === BIT_TYPE_CODE) {
      return value.length === 0 ? "0" : BigInt(`0x${value.toString("hex")}`).toString();
    }
    return value.toString("utf8");
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function toResult(result: unknown, fields: FieldPacket[] | undefined): StatementResult {
  if (Array.isArray(result) && fields !== undefined) {
    const columns = fields.map((field) => ({
      col: field.name,
      dataType: columnDataType(field),
      nullable: columnNullable(field),
    }));
    const rows = (result as unknown[][]).map((cells) => {
      const row: OutcomeRow = {};
      fields.forEach((field, index) => {
        row[field.name] = cellText(cells[index], field);
      });
      return row;
    });
    return { kind: "rows", columns, rows };
  }
  const header = (Array.isArray(result) ? result.at(-1) : result) as ResultSetHeader | undefined;
  return { kind: "write", affectedRows: header?.affectedRows ?? 0, insertId: Number(header?.insertId ?? 0) };
}

function asDatabaseError(error: unknown, database: ClusterDatabase): Error {
  const candidate = error as { errno?: unknown; sqlMessage?: unknown; message?: unknown; fatal?: unknown };
  if (
    typeof candidate.errno === "number" &&
    typeof candidate.sqlMessage === "string" &&
    candidate.fatal !== true
  ) {
    return new SqlError(candidate.errno, candidate.sqlMessage);
  }
  const detail = typeof candidate.message === "string" ? candidate.message : String(error);
  return new DatabaseUnavailableError(
    `cannot run the query on the database of cluster ${database.clusterId} (${database.label}): ${detail}. Check that the database is running and reachable.`,
  );
}

/** After a template's `USE`, switches back to the URL's database so the connection can be pooled again. */
async function restoreDatabase(connection: PoolConnection, database: ClusterDatabase): Promise<void> {
  if (database.defaultDatabase === undefined) {
    connection.destroy();
    return;
  }
  try {
    await connection.query(`USE ${escapeId(database.defaultDatabase)}`);
    connection.release();
  } catch {
    connection.destroy();
  }
}

/** A pooled connection, waiting for one no longer than the call's timeout (the wait counts against it). */
async function acquire(database: ClusterDatabase, timeoutMs: number): Promise<PoolConnection> {
  const pending = database.pool.getConnection();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const winner = await Promise.race([pending, timeout]);
    if (winner === "timeout") {
      // Give the connection back whenever the pool hands it over.
      pending.then((connection) => connection.release()).catch(() => undefined);
      throw new QueryTimeoutError();
    }
    return winner;
  } catch (error) {
    if (error instanceof QueryTimeoutError) throw error;
    throw asDatabaseError(error, database);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `work` with one pooled connection under one deadline: statements run
 * in order on that connection; when the deadline passes, the running statement
 * is killed with KILL QUERY from a second connection and QueryTimeoutError is thrown.
 */
export async function withConnection<T>(
  database: ClusterDatabase,
  timeoutMs: number,
  work: (run: RunStatement) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const connection = await acquire(database, timeoutMs);
  let timedOut = false;
  let keep = true;
  let changedDatabase = false;
  let running: Promise<unknown> | undefined;
  let onTimeout: (() => void) | undefined;
  const timer = setTimeout(
    () => {
      timedOut = true;
      keep = false;
      onTimeout?.();
    },
    Math.max(0, deadline - Date.now()),
  );
  const run: RunStatement = async (statement) => {
    if (timedOut) throw new QueryTimeoutError();
    if (statement.kind === "USE") changedDatabase = true;
    else if (!STATELESS_KINDS.has(statement.kind)) keep = false;
    const query =
      statement.values.length === 0
        ? connection.query({ sql: statement.sql, rowsAsArray: true })
        : connection.execute({ sql: statement.sql, rowsAsArray: true }, statement.values);
    running = query.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      onTimeout = () => reject(new QueryTimeoutError());
    });
    try {
      const [result, fields] = (await Promise.race([query, timeout])) as [unknown, FieldPacket[] | undefined];
      return toResult(result, fields);
    } catch (error) {
      if (error instanceof QueryTimeoutError || timedOut) throw new QueryTimeoutError();
      const mapped = asDatabaseError(error, database);
      if (mapped instanceof DatabaseUnavailableError) keep = false;
      throw mapped;
    } finally {
      onTimeout = undefined;
    }
  };
  try {
    return await work(run);
  } finally {
    clearTimeout(timer);
    if (keep) {
      if (changedDatabase) await restoreDatabase(connection, database);
      else connection.release();
    } else if (timedOut) {
      const threadId = connection.threadId;
      // Stop the statement on the server, then drop the connection once it has answered.
      const stopped = database
        .killQuery(threadId)
        .catch(() => undefined)
        .then(() => running);
      // Should the kill not work, the connection is dropped after a grace period anyway.
      const grace = new Promise((resolve) => setTimeout(resolve, KILL_GRACE_MS).unref());
      void Promise.race([stopped, grace]).finally(() => connection.destroy());
    } else {
      connection.destroy();
    }
  }
}
