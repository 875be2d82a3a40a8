import { ParamCheckError, type ParamValue, type SqlValue } from "./param-values.js";
import type { SqlStatement } from "./sql-statements.js";

export interface BoundStatement {
  /** SQL text with a `?` for each bound value; no parameter value is ever part of it. */
  sql: string;
  values: SqlValue[];
  kind: string;
}

/**
 * Replaces every `${name}` in code (not in quotes or comments) with `?`, or
 * `?, ?, ?` for an ARRAY, and lists the values in the same order.
 */
export function bindStatement(
  statement: SqlStatement,
  values: ReadonlyMap<string, ParamValue>,
): BoundStatement {
  let sql = "";
  const bound: SqlValue[] = [];
  for (const piece of statement.pieces) {
    if (piece.kind !== "placeholder") {
      sql += piece.text;
      continue;
    }
    const name = piece.name ?? "";
    const value = values.get(name);
    if (value === undefined) {
      throw new ParamCheckError(
        `the SQL uses \${${name}} but the endpoint declares no parameter '${name}'. Add it to the endpoint's params or remove it from the SQL.`,
      );
    }
    if (Array.isArray(value)) {
      sql += value.map(() => "?").join(", ");
      bound.push(...value);
    } else {
      sql += "?";
      bound.push(value);
    }
  }
  return { sql: sql.trim(), values: bound, kind: statement.kind };
}
