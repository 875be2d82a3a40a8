import { describe, expect, it } from "vitest";
import { ParamCheckError, resolveParamValues } from "../../src/emulator/data-api/param-values.js";
import type { EndpointParamRecord } from "../../src/emulator/records.js";

function param(
  fields: Partial<EndpointParamRecord> & Pick<EndpointParamRecord, "name" | "type">,
): EndpointParamRecord {
  return { required: false, defaultValue: "", description: "", enum: "", ...fields };
}

const resolve = (params: EndpointParamRecord[], raw: Record<string, unknown>, pathNames: string[] = []) =>
  Object.fromEntries(resolveParamValues(params, new Map(Object.entries(raw)), new Set(pathNames)));

const failure = (params: EndpointParamRecord[], raw: Record<string, unknown>, pathNames: string[] = []) => {
  try {
    resolve(params, raw, pathNames);
  } catch (error) {
    expect(error).toBeInstanceOf(ParamCheckError);
    return (error as Error).message;
  }
  throw new Error("expected a parameter check failure");
};

describe("parameter values", () => {
  it("coerces each type from query strings", () => {
    const params = [
      param({ name: "s", type: "STRING" }),
      param({ name: "i", type: "INTEGER" }),
      param({ name: "n", type: "NUMBER" }),
      param({ name: "b", type: "BOOLEAN" }),
      param({ name: "a", type: "ARRAY", itemType: "INTEGER" }),
    ];
    expect(resolve(params, { s: " keep spaces ", i: "-42", n: "1.5e2", b: "TRUE", a: "1, 2,3" })).toEqual({
      s: " keep spaces ",
      i: -42,
      n: 150,
      b: 1,
      a: [1, 2, 3],
    });
  });

  it("coerces JSON body values and keeps big integers exact", () => {
    const params = [
      param({ name: "i", type: "INTEGER" }),
      param({ name: "big", type: "INTEGER" }),
      param({ name: "b", type: "BOOLEAN" }),
      param({ name: "s", type: "STRING" }),
      param({ name: "a", type: "ARRAY", itemType: "NUMBER" }),
    ];
    expect(resolve(params, { i: 7, big: "10000000000000000001", b: false, s: 12, a: [1.5, "2"] })).toEqual({
      i: 7,
      big: "10000000000000000001",
      b: 0,
      s: "12",
      a: [1.5, 2],
    });
  });

  it("asks for a string when a JSON integer is too big to arrive exactly", () => {
    const params = [param({ name: "big", type: "INTEGER" })];
    expect(failure(params, { big: JSON.parse("9007199254740993") })).toMatch(
      /^parameter 'big' is a JSON number beyond 2\^53.*send it as a string/,
    );
  });

  it("splits an ARRAY given as a comma list, and keeps the items of a JSON array exactly", () => {
    const params = [param({ name: "a", type: "ARRAY", itemType: "STRING" })];
    expect(resolve(params, { a: "x, y,,z" })).toEqual({ a: ["x", "y", "z"] });
    expect(resolve(params, { a: ["Smith, John", " padded ", ""] })).toEqual({
      a: ["Smith, John", " padded ", ""],
    });
    const numbers = [param({ name: "n", type: "ARRAY", itemType: "INTEGER" })];
    expect(failure(numbers, { n: [1, ""] })).toBe("parameter 'n' must be an INTEGER, got ''");
  });

  it("applies defaults, binds NULL for an absent optional value, and requires required ones", () => {
    const params = [
      param({ name: "d", type: "INTEGER", defaultValue: "5" }),
      param({ name: "o", type: "STRING" }),
      param({ name: "list", type: "ARRAY", itemType: "INTEGER", defaultValue: "1,2" }),
      param({ name: "none", type: "ARRAY", itemType: "INTEGER" }),
    ];
    expect(resolve(params, {})).toEqual({ d: 5, o: null, list: [1, 2], none: [null] });
    expect(failure([param({ name: "r", type: "STRING", required: true })], {})).toBe(
      "missing required parameter 'r'",
    );
    expect(failure([param({ name: "p", type: "STRING", defaultValue: "x" })], {}, ["p"])).toBe(
      "missing required parameter 'p'",
    );
    expect(failure([param({ name: "d", type: "INTEGER", defaultValue: "five" })], {})).toMatch(
      /default value/,
    );
  });

  it("checks enums for STRING, INTEGER and NUMBER", () => {
    expect(resolve([param({ name: "c", type: "STRING", enum: "red, green" })], { c: "green" })).toEqual({
      c: "green",
    });
    expect(resolve([param({ name: "n", type: "NUMBER", enum: "1.5,2" })], { n: "2.0" })).toEqual({ n: 2 });
    expect(failure([param({ name: "c", type: "STRING", enum: "red,green" })], { c: "Red" })).toMatch(
      /must be one of red, green/,
    );
    expect(failure([param({ name: "i", type: "INTEGER", enum: "1,2" })], { i: "3" })).toMatch(
      /must be one of/,
    );
  });

  it("refuses values that are not of the type, whatever they try", () => {
    const cases: [EndpointParamRecord, unknown][] = [
      [param({ name: "i", type: "INTEGER" }), "1 OR 1=1"],
      [param({ name: "i", type: "INTEGER" }), "1.5"],
      [param({ name: "i", type: "INTEGER" }), 1.5],
      [param({ name: "i", type: "INTEGER" }), "99999999999999999999999"],
      [param({ name: "n", type: "NUMBER" }), "NaN"],
      [param({ name: "n", type: "NUMBER" }), "0x10"],
      [param({ name: "b", type: "BOOLEAN" }), "yes"],
      [param({ name: "s", type: "STRING" }), { nested: true }],
      [param({ name: "a", type: "ARRAY", itemType: "INTEGER" }), "1,2) OR (1=1"],
      [param({ name: "a", type: "ARRAY", itemType: "NUMBER" }), [{}]],
      [param({ name: "s", type: "STRING" }), ["twice", "given"]],
    ];
    for (const [definition, value] of cases) {
      expect(() => resolve([definition], { [definition.name]: value }), JSON.stringify(value)).toThrow(
        ParamCheckError,
      );
    }
  });

  it("treats an empty query value as absent except for STRING", () => {
    expect(
      resolve([param({ name: "s", type: "STRING" }), param({ name: "i", type: "INTEGER" })], {
        s: "",
        i: "",
      }),
    ).toEqual({
      s: "",
      i: null,
    });
  });
});
