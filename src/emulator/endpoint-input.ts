import {
  ARRAY_ITEM_TYPES,
  type ArrayItemType,
  HTTP_METHODS,
  type HttpMethod,
  type ParamType,
} from "../client/model.js";
import { alreadyExists, invalidArgument } from "./api-error.js";
import {
  describe,
  type JsonObject,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requireObject,
} from "./input-fields.js";
import type {
  EndpointFields,
  EndpointParamRecord,
  EndpointRecord,
  EndpointSettingsRecord,
} from "./records.js";

const DISPLAY_NAME_PATTERN = /^[a-zA-Z0-9_\-/[\]]+$/;
const PARAM_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LITERAL_SEGMENT = /^[A-Za-z0-9_]+$/;
const PATH_PARAM_SEGMENT = /^\{([^{}]*)\}$/;
const RESERVED_PARAM_NAMES = ["page", "page_size"];
const DEFAULT_ROW_LIMIT = 1000;
const MAX_BATCH_ROW_LIMIT = 100;

// The spec's uppercase names, and the official API's lowercase ones (which call BOOLEAN `bool`).
const PARAM_TYPE_ALIASES: Record<string, ParamType> = {
  STRING: "STRING",
  INTEGER: "INTEGER",
  NUMBER: "NUMBER",
  BOOLEAN: "BOOLEAN",
  ARRAY: "ARRAY",
  string: "STRING",
  integer: "INTEGER",
  number: "NUMBER",
  bool: "BOOLEAN",
  boolean: "BOOLEAN",
  array: "ARRAY",
};

/**
 * Reads a create body (`base` undefined) or a PATCH body (merged onto `base`)
 * into complete endpoint fields. Only shapes and types are checked here; the
 * rules that involve several fields are in `checkEndpointRules`.
 */
export function readEndpointFields(input: unknown, base: EndpointFields | undefined): EndpointFields {
  const body = requireObject(input, "The endpoint");
  const displayName = optionalString(body, "displayName");
  const path = optionalString(body, "path");
  const method = body.method;
  const clusterId = readClusterId(body);
  const sqlTemplate = optionalString(body, "sqlTemplate");
  if (base === undefined) {
    const missing = [
      ["displayName", displayName],
      ["path", path],
      ["method", method],
      ["clusterId", clusterId],
      ["sqlTemplate", sqlTemplate],
    ].filter(([, value]) => value === undefined || value === null);
    if (missing.length > 0) {
      throw invalidArgument(
        `Missing required field(s): ${missing.map(([name]) => name).join(", ")}. An endpoint needs displayName, path, method, clusterId and sqlTemplate.`,
        "MISSING_FIELD",
      );
    }
  }
  const batchOperation = optionalBoolean(body, "batchOperation") ?? base?.batchOperation ?? false;
  const settingsInput =
    body.settings === undefined || body.settings === null ? {} : requireObject(body.settings, "settings");
  return {
    displayName: displayName ?? base!.displayName,
    description: optionalString(body, "description") ?? base?.description ?? "",
    path: path ?? base!.path,
    method: method === undefined || method === null ? base!.method : readMethod(method),
    clusterId: clusterId ?? base!.clusterId,
    sqlTemplate: sqlTemplate ?? base!.sqlTemplate,
    tag: optionalString(body, "tag") ?? base?.tag ?? "Default",
    settings: readSettings(settingsInput, base?.settings, batchOperation),
    params:
      body.params === undefined || body.params === null ? (base?.params ?? []) : readParams(body.params),
    batchOperation,
  };
}

function readClusterId(body: JsonObject): string | undefined {
  const value = body.clusterId;
  if (typeof value === "number") {
    throw invalidArgument(
      "clusterId must be a string: cluster ids have 19 digits, more than a JSON number holds exactly. Quote it.",
    );
  }
  return optionalString(body, "clusterId");
}

function readMethod(value: unknown): HttpMethod {
  if (typeof value !== "string" || !HTTP_METHODS.includes(value.toUpperCase() as HttpMethod)) {
    throw invalidArgument(`method must be one of ${HTTP_METHODS.join(", ")}, got ${describe(value)}.`);
  }
  return value.toUpperCase() as HttpMethod;
}

function readSettings(
  input: JsonObject,
  base: EndpointSettingsRecord | undefined,
  batchOperation: boolean,
): EndpointSettingsRecord {
  const defaultRowLimit = batchOperation ? MAX_BATCH_ROW_LIMIT : DEFAULT_ROW_LIMIT;
  return {
    timeout:
      optionalInteger(input, "timeout", { min: 1, max: 60000 }, "settings.timeout") ?? base?.timeout ?? 30000,
    rowLimit:
      optionalInteger(input, "rowLimit", { min: 1, max: 2000 }, "settings.rowLimit") ??
      base?.rowLimit ??
      defaultRowLimit,
    cacheEnabled:
      optionalBoolean(input, "cacheEnabled", "settings.cacheEnabled") ?? base?.cacheEnabled ?? false,
    cacheTtl:
      optionalInteger(input, "cacheTtl", { min: 30, max: 600 }, "settings.cacheTtl") ?? base?.cacheTtl ?? 300,
    paginationEnabled:
      optionalBoolean(input, "paginationEnabled", "settings.paginationEnabled") ??
      base?.paginationEnabled ??
      false,
  };
}

function readParams(value: unknown): EndpointParamRecord[] {
  if (!Array.isArray(value))
    throw invalidArgument(`params must be an array of parameters, got ${describe(value)}.`);
  return value.map((item, index) => readParam(item, index));
}

function readParam(item: unknown, index: number): EndpointParamRecord {
  const where = `params[${index}]`;
  const body = requireObject(item, where);
  const name = body.name;
  if (typeof name !== "string" || name === "")
    throw invalidArgument(`${where}.name is required and must be a string.`);
  const label = `Parameter '${name}'`;
  const rawType = body.type;
  const type = typeof rawType === "string" ? PARAM_TYPE_ALIASES[rawType] : undefined;
  if (type === undefined) {
    throw invalidArgument(
      `${label}: type must be one of STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, got ${describe(rawType)}.`,
    );
  }
  const rawItemType = body.itemType;
  let itemType: ArrayItemType | undefined;
  if (rawItemType !== undefined && rawItemType !== null && rawItemType !== "") {
    const normalised = typeof rawItemType === "string" ? rawItemType.toUpperCase() : undefined;
    if (normalised === undefined || !ARRAY_ITEM_TYPES.includes(normalised as ArrayItemType)) {
      throw invalidArgument(
        `${label}: itemType must be one of STRING, INTEGER, NUMBER, got ${describe(rawItemType)}.`,
      );
    }
    if (type !== "ARRAY")
      throw invalidArgument(`${label}: itemType applies only to ARRAY parameters; remove it.`);
    itemType = normalised as ArrayItemType;
  }
  if (type === "ARRAY") itemType ??= "STRING";
  const field = (key: string) => {
    const value = body[key];
    if (value === undefined || value === null) return "";
    if (typeof value !== "string")
      throw invalidArgument(`${label}: ${key} must be a string, got ${describe(value)}.`);
    return value;
  };
  const required = body.required;
  if (required !== undefined && required !== null && typeof required !== "boolean") {
    throw invalidArgument(`${label}: required must be true or false, got ${describe(required)}.`);
  }
  const param: EndpointParamRecord = {
    name,
    type,
    required: required === true,
    defaultValue: field("defaultValue"),
    description: field("description"),
    enum: field("enum"),
  };
  if (itemType !== undefined) param.itemType = itemType;
  return param;
}

/** The path with every `{name}` reduced to `{}`: two endpoints conflict when method and this shape match. */
function routeShape(path: string): string {
  return path.replace(/\{[^{}]*\}/g, "{}");
}

/**
 * The rules of the real service (facts §1, §4) checked on the complete
 * endpoint. Returns the fields with path parameters forced to required.
 */
export function checkEndpointRules(
  fields: EndpointFields,
  context: { linkedClusterIds: string[]; siblings: EndpointRecord[] },
): EndpointFields {
  checkDisplayName(fields.displayName);
  if ([...fields.description].length > 2000) {
    throw invalidArgument(
      `description must be at most 2000 characters, got ${[...fields.description].length}.`,
    );
  }
  if (fields.sqlTemplate.trim() === "") {
    throw invalidArgument("sqlTemplate must not be empty: give the SQL the endpoint runs, e.g. SELECT 1.");
  }
  if (fields.tag === "" || [...fields.tag].length > 64)
    throw invalidArgument("tag must be 1 to 64 characters long.");
  const pathParams = checkPath(fields.path);
  checkSettings(fields);
  const params = checkParams(fields.params, pathParams, fields.path);
  if (!context.linkedClusterIds.includes(fields.clusterId)) {
    throw invalidArgument(
      `Cluster '${fields.clusterId}' is not linked to this Data App. Link it first with POST .../dataSources {"clusterId": "${fields.clusterId}"}` +
        (context.linkedClusterIds.length > 0
          ? `, or use a linked cluster: ${context.linkedClusterIds.join(", ")}.`
          : "."),
      "CLUSTER_NOT_LINKED",
    );
  }
  const shape = routeShape(fields.path);
  const clash = context.siblings.find(
    (other) => other.method === fields.method && routeShape(other.path) === shape,
  );
  if (clash !== undefined) {
    throw alreadyExists(
      `An endpoint with ${fields.method} ${clash.path} already exists in this Data App (endpointId ${clash.endpointId}). ` +
        "Choose another path or method, or update that endpoint instead.",
      "ENDPOINT_ALREADY_EXISTS",
    );
  }
  return { ...fields, params };
}

function checkDisplayName(displayName: string): void {
  const length = [...displayName].length;
  if (length < 1 || length > 32) {
    throw invalidArgument(`displayName must be 1 to 32 characters long, got ${length}.`);
  }
  if (!DISPLAY_NAME_PATTERN.test(displayName)) {
    throw invalidArgument(
      `displayName '${displayName}' contains characters that are not allowed. Use only letters, digits, '_', '-', '/', '[' and ']' (no spaces).`,
    );
  }
}

function checkPath(path: string): string[] {
  if (path.length < 2 || path.length > 64) {
    throw invalidArgument(`path must be 2 to 64 characters long, got ${path.length}.`, "INVALID_PATH");
  }
  if (!path.startsWith("/")) {
    throw invalidArgument(`path must start with '/', e.g. '/users/{id}'; got '${path}'.`, "INVALID_PATH");
  }
  const names: string[] = [];
  for (const segment of path.slice(1).split("/")) {
    if (LITERAL_SEGMENT.test(segment)) continue;
    const param = PATH_PARAM_SEGMENT.exec(segment);
    if (param !== null) {
      const name = param[1] ?? "";
      if (!PARAM_NAME_PATTERN.test(name)) {
        throw invalidArgument(
          `Path parameter '{${name}}' has an invalid name: use letters, digits and '_', starting with a letter or '_'.`,
          "INVALID_PATH",
        );
      }
      if (names.includes(name)) {
        throw invalidArgument(
          `Path parameter '{${name}}' appears twice in '${path}'; give each a distinct name.`,
          "INVALID_PATH",
        );
      }
      names.push(name);
      continue;
    }
    throw invalidArgument(
      segment === ""
        ? `path '${path}' has an empty segment: no '//' and no trailing '/'.`
        : `path segment '${segment}' is invalid: a segment is letters, digits and '_', or a whole-segment parameter like '{id}' (not '${segment}').`,
      "INVALID_PATH",
    );
  }
  return names;
}

function checkSettings(fields: EndpointFields): void {
  const { settings, method, batchOperation } = fields;
  if (batchOperation && method !== "POST" && method !== "PUT") {
    throw invalidArgument(`batchOperation is only available for POST and PUT endpoints, not ${method}.`);
  }
  if (batchOperation && settings.rowLimit > MAX_BATCH_ROW_LIMIT) {
    throw invalidArgument(
      `settings.rowLimit must be at most ${MAX_BATCH_ROW_LIMIT} with batchOperation, got ${settings.rowLimit}.`,
      "OUT_OF_RANGE",
    );
  }
  if (settings.cacheEnabled && method !== "GET") {
    throw invalidArgument(`settings.cacheEnabled is only available for GET endpoints, not ${method}.`);
  }
  if (settings.paginationEnabled && method !== "GET") {
    throw invalidArgument(`settings.paginationEnabled is only available for GET endpoints, not ${method}.`);
  }
}

function checkParams(
  params: EndpointParamRecord[],
  pathParams: string[],
  path: string,
): EndpointParamRecord[] {
  const seen = new Set<string>();
  for (const param of params) {
    if (!PARAM_NAME_PATTERN.test(param.name)) {
      throw invalidArgument(
        `Parameter name '${param.name}' is invalid: use letters, digits and '_', starting with a letter or '_'.`,
        "INVALID_PARAM",
      );
    }
    if (RESERVED_PARAM_NAMES.includes(param.name)) {
      throw invalidArgument(
        `Parameter name '${param.name}' is reserved for pagination (page, page_size); choose another name.`,
        "INVALID_PARAM",
      );
    }
    if (seen.has(param.name))
      throw invalidArgument(`Parameter '${param.name}' is declared twice.`, "INVALID_PARAM");
    seen.add(param.name);
    checkParamValues(param);
  }
  for (const name of pathParams) {
    const param = params.find((candidate) => candidate.name === name);
    if (param === undefined) {
      throw invalidArgument(
        `Path parameter '{${name}}' in '${path}' has no declared parameter. Add {"name": "${name}", "type": "STRING"} (or INTEGER) to params.`,
        "INVALID_PARAM",
      );
    }
    if (param.type !== "STRING" && param.type !== "INTEGER") {
      throw invalidArgument(
        `Path parameter '${name}' has type ${param.type}; path parameters must be STRING or INTEGER.`,
        "INVALID_PARAM",
      );
    }
  }
  // Path parameters are always required.
  return params.map((param) => (pathParams.includes(param.name) ? { ...param, required: true } : param));
}

function checkParamValues(param: EndpointParamRecord): void {
  const enumValues = param.enum === "" ? [] : param.enum.split(",").map((value) => value.trim());
  if (enumValues.length > 0) {
    if (param.type !== "STRING" && param.type !== "INTEGER" && param.type !== "NUMBER") {
      throw invalidArgument(
        `Parameter '${param.name}': enum is only allowed for STRING, INTEGER and NUMBER, not ${param.type}.`,
        "INVALID_PARAM",
      );
    }
    for (const value of enumValues) {
      if (value === "" || !isConvertible(value, param.type)) {
        throw invalidArgument(
          `Parameter '${param.name}': enum value '${value}' is not a valid ${param.type}.`,
          "INVALID_PARAM",
        );
      }
    }
  }
  if (param.defaultValue === "") return;
  const convertible =
    param.type === "ARRAY"
      ? param.defaultValue.split(",").every((item) => isConvertible(item.trim(), param.itemType ?? "STRING"))
      : isConvertible(param.defaultValue, param.type);
  if (!convertible) {
    const expected =
      param.type === "ARRAY" ? `a comma-separated list of ${param.itemType}` : `a ${param.type}`;
    throw invalidArgument(
      `Parameter '${param.name}': defaultValue '${param.defaultValue}' is not ${expected}.`,
      "INVALID_PARAM",
    );
  }
  if (enumValues.length > 0 && !enumValues.includes(param.defaultValue.trim())) {
    throw invalidArgument(
      `Parameter '${param.name}': defaultValue '${param.defaultValue}' is not one of the enum values ${enumValues.join(", ")}.`,
      "INVALID_PARAM",
    );
  }
}

function isConvertible(value: string, type: ParamType | ArrayItemType): boolean {
  switch (type) {
    case "STRING":
      return true;
    case "INTEGER":
      return /^[-+]?\d+$/.test(value.trim());
    case "NUMBER":
      return value.trim() !== "" && Number.isFinite(Number(value));
    case "BOOLEAN":
      return /^(true|false)$/i.test(value.trim());
    case "ARRAY":
      return true;
  }
}
