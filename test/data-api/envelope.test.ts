import { describe, expect, it } from "vitest";
import {
  type CallOutcome,
  dataApiBody,
  failure,
  formatLatency,
  paramCheckFailure,
  testCallBody,
} from "../../src/emulator/data-api/envelope.js";

const outcome: CallOutcome = {
  status: 200,
  type: "sql_endpoint",
  columns: [{ col: "id", dataType: "BIGINT", nullable: false }],
  rows: [{ id: "1" }, { id: null }],
  code: 200,
  message: "Query OK!",
  startMs: 1678965476709,
  endMs: 1678965476839,
  latency: "130ms",
  rowCount: 2,
  rowAffect: 0,
  limit: 50,
};

describe("response envelopes", () => {
  it("writes the data API body in snake_case", () => {
    expect(dataApiBody(outcome)).toEqual({
      type: "sql_endpoint",
      data: {
        columns: [{ col: "id", data_type: "BIGINT", nullable: false }],
        rows: [{ id: "1" }, { id: null }],
        result: {
          code: 200,
          message: "Query OK!",
          start_ms: 1678965476709,
          end_ms: 1678965476839,
          latency: "130ms",
          row_count: 2,
          row_affect: 0,
          limit: 50,
        },
      },
    });
  });

  it("writes the test call body in camelCase with rows wrapped in items", () => {
    expect(testCallBody(outcome)).toEqual({
      type: "sql_endpoint",
      data: {
        columns: [{ col: "id", dataType: "BIGINT", nullable: false }],
        rows: [{ items: { id: "1" } }, { items: { id: null } }],
        result: {
          code: 200,
          message: "Query OK!",
          startMs: 1678965476709,
          endMs: 1678965476839,
          latency: "130ms",
          rowCount: 2,
          rowAffect: 0,
          limit: 50,
        },
      },
    });
  });

  it("shapes failures as the documented error examples", () => {
    expect(dataApiBody(paramCheckFailure("missing required parameter 'id'"))).toEqual({
      type: "sql_endpoint",
      data: {
        columns: [],
        rows: [],
        result: {
          code: 400,
          message: "param check failed! missing required parameter 'id'",
          start_ms: "",
          end_ms: "",
          latency: "",
          row_count: 0,
          row_affect: 0,
          limit: 0,
        },
      },
    });
    const limited = failure(429, 49900007, "API key rate limit exceeded.", "");
    expect(dataApiBody(limited)).toMatchObject({
      type: "",
      data: { result: { code: 49900007, start_ms: 0, end_ms: 0 } },
    });
  });

  it("formats latency in ms below a second and in seconds above", () => {
    expect(formatLatency(130)).toBe("130ms");
    expect(formatLatency(8359)).toBe("8.359s");
  });
});
