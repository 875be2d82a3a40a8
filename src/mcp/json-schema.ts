import { z } from "zod";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const DROPPED_KEYS = new Set(["$schema", "propertyNames"]);

/**
 * Converts a zod object to the JSON Schema the model sees, without the noise that
 * costs tokens and trips portability lints: no `$schema`, no boolean or empty
 * `additionalProperties`, no `propertyNames`, no empty `properties`.
 */
export function toCompactJsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, Json> {
  const raw = z.toJSONSchema(schema, { target: "draft-7", io, unrepresentable: "any" }) as Json;
  return compact(raw) as Record<string, Json>;
}

function compact(node: Json): Json {
  if (Array.isArray(node)) return node.map(compact);
  if (node === null || typeof node !== "object") return node;
  const result: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === "additionalProperties" && (typeof value === "boolean" || isEmptyObject(value))) continue;
    if (key === "properties" && isEmptyObject(value)) continue;
    result[key] = key === "properties" ? compactProperties(value) : compact(value);
  }
  return result;
}

function compactProperties(properties: Json): Json {
  if (properties === null || typeof properties !== "object" || Array.isArray(properties)) return properties;
  const result: { [key: string]: Json } = {};
  for (const [name, schema] of Object.entries(properties)) result[name] = compact(schema);
  return result;
}

function isEmptyObject(value: Json): boolean {
  return (
    value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0
  );
}
