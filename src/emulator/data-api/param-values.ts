import type { ArrayItemType, ParamType } from "../../client/model.js";
import type { EndpointParamRecord } from "../records.js";

/** A value bound to one `?`. */
export type SqlValue = string | number | null;
/** What a parameter binds: one value, or the list an ARRAY expands to. */
export type ParamValue = SqlValue | SqlValue[];

/** A request's parameters failed the endpoint's rules; the message is the detail after `param check failed! `. */
export class ParamCheckError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "ParamCheckError";
  }
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function show(value: unknown): string {
  const text = typeof value === "string" ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function coerceInteger(name: string, raw: unknown): SqlValue {
  if (typeof raw === "number") {
    if (Number.isSafeInteger(raw)) return raw;
    if (Number.isInteger(raw)) {
      // JSON.parse has already rounded it, so the digits the caller sent are gone.
      throw new ParamCheckError(
        `parameter '${name}' is a JSON number beyond 2^53, which loses digits in transit; send it as a string, e.g. "${name}": "9007199254740993"`,
      );
    }
    throw new ParamCheckError(`parameter '${name}' must be an INTEGER, got ${show(raw)}`);
  }
  const text = typeof raw === "string" ? raw.trim() : "";
  if (typeof raw !== "string" || !INTEGER_TEXT.test(text)) {
    throw new ParamCheckError(`parameter '${name}' must be an INTEGER, got ${show(raw)}`);
  }
  const big = BigInt(text);
  if (big < INT64_MIN || big > UINT64_MAX) {
    throw new ParamCheckError(`parameter '${name}' is out of the 64-bit integer range, got ${show(raw)}`);
  }
  const asNumber = Number(big);
  // Beyond 2^53 a JS number would lose digits: bind the exact decimal text instead.
  return Number.isSafeInteger(asNumber) ? asNumber : big.toString();
}

function coerceNumber(name: string, raw: unknown): SqlValue {
  if (typeof raw === "number" && Number.isFinite(raw)) return raw;
  if (typeof raw === "string" && NUMBER_TEXT.test(raw.trim())) {
    const value = Number(raw.trim());
    if (Number.isFinite(value)) return value;
  }
  throw new ParamCheckError(`parameter '${name}' must be a NUMBER, got ${show(raw)}`);
}

function coerceBoolean(name: string, raw: unknown): SqlValue {
  if (typeof raw === "boolean") return raw ? 1 : 0;
  if (raw === 1 || raw === 0) return raw;
  if (typeof raw === "string") {
    const text = raw.trim().toLowerCase();
    if (text === "true" || text === "1") return 1;
    if (text === "false" || text === "0") return 0;
  }
  throw new ParamCheckError(`parameter '${name}' must be a BOOLEAN (true or false), got ${show(raw)}`);
}

function coerceString(name: string, raw: unknown): SqlValue {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  throw new ParamCheckError(`parameter '${name}' must be a STRING, got ${show(raw)}`);
}

function coerceScalar(name: string, type: ParamType | ArrayItemType, raw: unknown): SqlValue {
  switch (type) {
    case "INTEGER":
      return coerceInteger(name, raw);
    case "NUMBER":
      return coerceNumber(name, raw);
    case "BOOLEAN":
      return coerceBoolean(name, raw);
    default:
      return coerceString(name, raw);
  }
}

/** The items of a comma list (an ARRAY value in a query string or a default), trimmed, empty ones dropped. */
export function commaListItems(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function arrayItems(name: string, raw: unknown): unknown[] {
  // A JSON array (or repeated query keys, already split) holds its items exactly: "Smith, John" stays one item.
  if (Array.isArray(raw)) return raw;
  if (typeof raw === "string") return commaListItems(raw);
  if (typeof raw === "number" || typeof raw === "boolean") return [raw];
  throw new ParamCheckError(
    `parameter '${name}' must be an ARRAY (a JSON array or a comma list), got ${show(raw)}`,
  );
}

function coerceArray(param: EndpointParamRecord, raw: unknown): SqlValue[] {
  const itemType = param.itemType ?? "STRING";
  return arrayItems(param.name, raw).map((item) => coerceScalar(param.name, itemType, item));
}

function enumOptions(param: EndpointParamRecord): string[] {
  return param.enum
    .split(",")
    .map((option) => option.trim())
    .filter((option) => option !== "");
}

function checkEnum(param: EndpointParamRecord, value: SqlValue): void {
  const options = enumOptions(param);
  if (options.length === 0 || value === null) return;
  const allowed =
    param.type === "STRING"
      ? options.includes(String(value))
      : options.some((option) => NUMBER_TEXT.test(option) && Number(option) === Number(value));
  if (!allowed) {
    throw new ParamCheckError(
      `parameter '${param.name}' must be one of ${options.join(", ")}, got ${show(value)}`,
    );
  }
}

function isMissing(param: EndpointParamRecord, raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  if (Array.isArray(raw)) return raw.length === 0;
  // An empty query value is a value only for STRING; for other types it means "not given".
  return raw === "" && param.type !== "STRING";
}

function coerce(param: EndpointParamRecord, raw: unknown): ParamValue {
  if (param.type === "ARRAY") {
    const items = coerceArray(param, raw);
    return items;
  }
  if (Array.isArray(raw)) {
    if (raw.length > 1) throw new ParamCheckError(`parameter '${param.name}' was given more than once`);
    return coerce(param, raw[0]);
  }
  const value = coerceScalar(param.name, param.type, raw);
  checkEnum(param, value);
  return value;
}

/**
 * Applies the endpoint's parameter rules (type, required, default, enum) to
 * the raw values of one call, keyed by name. Raw values are strings from the
 * path or query (an array for repeated query keys) or JSON values from a body.
 */
export function resolveParamValues(
  params: readonly EndpointParamRecord[],
  raw: ReadonlyMap<string, unknown>,
  pathParamNames: ReadonlySet<string> = new Set(),
): Map<string, ParamValue> {
  const values = new Map<string, ParamValue>();
  for (const param of params) {
    const given = raw.get(param.name);
    if (!isMissing(param, given)) {
      const value = coerce(param, given);
      if (Array.isArray(value) && value.length === 0) {
        if (param.required) throw new ParamCheckError(`parameter '${param.name}' needs at least one item`);
        values.set(param.name, [null]);
      } else {
        values.set(param.name, value);
      }
      continue;
    }
    if (param.defaultValue !== "" && !pathParamNames.has(param.name)) {
      try {
        values.set(param.name, coerce(param, param.defaultValue));
      } catch (error) {
        throw new ParamCheckError(
          `the default value of parameter '${param.name}' does not fit its type ${param.type}: ${(error as Error).message}. Fix the endpoint's default value.`,
        );
      }
      continue;
    }
    if (param.required || pathParamNames.has(param.name)) {
      throw new ParamCheckError(`missing required parameter '${param.name}'`);
    }
    values.set(param.name, param.type === "ARRAY" ? [null] : null);
  }
  return values;
}
