import { z } from "zod";
import type { EndpointRunResult } from "../client/model.js";
import { ToolFailure } from "../mcp/tool-definition.js";
import { fenceUntrustedData } from "../mcp/untrusted-data.js";
import { anyObject } from "./shared-schemas.js";

/** Rows beyond this stay out of the conversation; the result says how many were left out. */
export const ROW_CAP = 50;
/** A longer value (a TEXT or JSON column) is cut, so one row cannot flood the conversation. */
export const CELL_CHARACTER_CAP = 1_000;
/** Rows stop being added once their JSON passes this, even before ROW_CAP. */
export const ROWS_CHARACTER_BUDGET = 20_000;

export const runOutput = {
  columns: z.array(z.string()),
  rows: z.array(anyObject),
  rowCount: z.number(),
  omittedRows: z.number(),
  rowAffect: z.number(),
  latency: z.string(),
  message: z.string(),
};

export type RunOutput = z.output<z.ZodObject<typeof runOutput>>;

/** A compact, capped view of a run, or a failure naming the database error. */
export function summarizeRun(
  result: EndpointRunResult,
  fixHint: string,
): { structured: RunOutput; text: string } {
  if (result.result.code !== 200) {
    throw new ToolFailure(
      `The SQL failed with database error ${result.result.code}: ${result.result.message}. ${fixHint}`,
    );
  }
  const { rows, cutValues } = capRows(result.rows);
  const omittedRows = result.rows.length - rows.length;
  const structured: RunOutput = {
    columns: result.columns.map((column) => `${column.name}:${column.dataType}`),
    rows,
    rowCount: result.result.rowCount,
    omittedRows,
    rowAffect: result.result.rowAffect,
    latency: result.result.latency,
    message: result.result.message,
  };
  const header =
    `${result.result.message} ${structured.rowCount} row(s), ${structured.rowAffect} affected, ${structured.latency}.` +
    (omittedRows > 0 ? ` Showing the first ${rows.length}; ${omittedRows} more left out.` : "") +
    (cutValues > 0 ? ` ${cutValues} value(s) longer than ${CELL_CHARACTER_CAP} characters were cut.` : "");
  const text =
    rows.length === 0
      ? header
      : `${header}\n${fenceUntrustedData("the result rows (JSON lines)", rows.map((row) => JSON.stringify(row)).join("\n"))}`;
  return { structured, text };
}

function capRows(all: readonly Record<string, string | null>[]): {
  rows: Record<string, string | null>[];
  cutValues: number;
} {
  const rows: Record<string, string | null>[] = [];
  let cutValues = 0;
  let characters = 0;
  for (const row of all.slice(0, ROW_CAP)) {
    let cutInRow = 0;
    const capped: Record<string, string | null> = {};
    for (const [column, value] of Object.entries(row)) {
      if (value !== null && value.length > CELL_CHARACTER_CAP) {
        capped[column] =
          `${value.slice(0, CELL_CHARACTER_CAP)}… (${value.length - CELL_CHARACTER_CAP} more characters)`;
        cutInRow++;
      } else {
        capped[column] = value;
      }
    }
    characters += JSON.stringify(capped).length;
    if (rows.length > 0 && characters > ROWS_CHARACTER_BUDGET) break;
    rows.push(capped);
    cutValues += cutInRow;
  }
  return { rows, cutValues };
}
