import { invalidArgument } from "./api-error.js";

// Reading typed fields out of a parsed JSON body, with 400s that name the field
// and say what it should be.

export type JsonObject = Record<string, unknown>;

export function requireObject(value: unknown, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidArgument(`${what} must be a JSON object.`, "INVALID_BODY");
  }
  return value as JsonObject;
}

export function optionalString(
  body: JsonObject,
  field: string,
  limits: { min?: number; max?: number } = {},
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidArgument(`${field} must be a string, got ${describe(value)}.`);
  const length = [...value].length;
  if (limits.min !== undefined && length < limits.min) {
    throw invalidArgument(`${field} must be at least ${limits.min} character(s) long.`);
  }
  if (limits.max !== undefined && length > limits.max) {
    throw invalidArgument(`${field} must be at most ${limits.max} characters long, got ${length}.`);
  }
  return value;
}

export function requiredString(
  body: JsonObject,
  field: string,
  limits: { min?: number; max?: number } = {},
): string {
  const value = optionalString(body, field, limits);
  if (value === undefined) throw invalidArgument(`${field} is required.`, "MISSING_FIELD");
  return value;
}

export function optionalInteger(
  body: JsonObject,
  field: string,
  range: { min: number; max: number },
  label = field,
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalidArgument(`${label} must be an integer, got ${describe(value)}.`);
  }
  if (value < range.min || value > range.max) {
    throw invalidArgument(
      `${label} must be from ${range.min} to ${range.max}, got ${value}.`,
      "OUT_OF_RANGE",
    );
  }
  return value;
}

export function optionalBoolean(body: JsonObject, field: string, label = field): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw invalidArgument(`${label} must be true or false, got ${describe(value)}.`);
  return value;
}

export function optionalEnum<T extends string>(
  body: JsonObject,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw invalidArgument(`${field} must be one of ${allowed.join(", ")}, got ${describe(value)}.`);
  }
  return value as T;
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
