import type { ArrayItemType, ParamType } from "../client/model.js";
import type { DataAppRecord, EndpointParamRecord, EndpointRecord } from "./records.js";

// The OpenAPI 3.0.3 document of a Data App's endpoints (facts §7): one
// operation per endpoint, operationId = lowercase method + PascalCase path,
// parameters in path / query / JSON body by method, the data API envelope as
// response schema, Basic and Digest security schemes.

type Schema = Record<string, unknown>;

function pascalCase(path: string): string {
  return path
    .split(/[/{}_-]+/)
    .filter((part) => part !== "")
    .map((part) => `${part[0]?.toUpperCase() ?? ""}${part.slice(1)}`)
    .join("");
}

function scalarSchema(type: ParamType | ArrayItemType): Schema {
  switch (type) {
    case "INTEGER":
      return { type: "integer", format: "int64" };
    case "NUMBER":
      return { type: "number" };
    case "BOOLEAN":
      return { type: "boolean" };
    default:
      return { type: "string" };
  }
}

function convert(value: string, type: ParamType | ArrayItemType): unknown {
  const trimmed = value.trim();
  if (type === "INTEGER" || type === "NUMBER") return Number(trimmed);
  if (type === "BOOLEAN") return trimmed.toLowerCase() === "true";
  return value;
}

function paramSchema(param: EndpointParamRecord): Schema {
  if (param.type === "ARRAY") {
    const itemType = param.itemType ?? "STRING";
    const schema: Schema = { type: "array", items: scalarSchema(itemType) };
    if (param.defaultValue !== "")
      schema.default = param.defaultValue.split(",").map((item) => convert(item, itemType));
    return schema;
  }
  const schema = scalarSchema(param.type);
  if (param.enum !== "")
    schema.enum = param.enum.split(",").map((value) => convert(value.trim(), param.type));
  if (param.defaultValue !== "") schema.default = convert(param.defaultValue, param.type);
  return schema;
}

function envelopeSchema(): Schema {
  return {
    type: "object",
    properties: {
      type: { type: "string", example: "sql_endpoint" },
      data: {
        type: "object",
        properties: {
          columns: {
            type: "array",
            items: {
              type: "object",
              properties: {
                col: { type: "string" },
                data_type: { type: "string" },
                nullable: { type: "boolean" },
              },
            },
          },
          rows: {
            type: "array",
            description: "One object per row; every value is a string (null for SQL NULL).",
            items: { type: "object", additionalProperties: { type: "string", nullable: true } },
          },
          result: {
            type: "object",
            properties: {
              code: { type: "integer" },
              message: { type: "string" },
              start_ms: { type: "integer", format: "int64" },
              end_ms: { type: "integer", format: "int64" },
              latency: { type: "string" },
              row_count: { type: "integer" },
              row_affect: { type: "integer" },
              limit: { type: "integer" },
            },
          },
        },
      },
    },
  };
}

function operationFor(endpoint: EndpointRecord, operationId: string): Schema {
  const pathNames = new Set(
    [...endpoint.path.matchAll(/\{([^{}]+)\}/g)]
      .map((match) => match[1])
      .filter((name) => name !== undefined),
  );
  const inBody = endpoint.method === "POST" || endpoint.method === "PUT";
  const parameters: Schema[] = [];
  const bodyProperties: Record<string, Schema> = {};
  const bodyRequired: string[] = [];
  for (const param of endpoint.params) {
    const schema = paramSchema(param);
    const description = param.description === "" ? undefined : param.description;
    if (pathNames.has(param.name)) {
      parameters.push({
        name: param.name,
        in: "path",
        required: true,
        schema,
        ...(description ? { description } : {}),
      });
    } else if (inBody) {
      bodyProperties[param.name] = description ? { ...schema, description } : schema;
      if (param.required) bodyRequired.push(param.name);
    } else {
      parameters.push({
        name: param.name,
        in: "query",
        required: param.required,
        schema,
        ...(param.type === "ARRAY" ? { style: "form", explode: false } : {}),
        ...(description ? { description } : {}),
      });
    }
  }
  if (endpoint.settings.paginationEnabled && endpoint.method === "GET") {
    parameters.push(
      {
        name: "page",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1 },
        description: "Page number, from 1.",
      },
      {
        name: "page_size",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1, maximum: endpoint.settings.rowLimit },
        description: "Rows per page, at most the endpoint's row limit.",
      },
    );
  }
  const operation: Schema = {
    operationId,
    summary: endpoint.displayName,
    tags: [endpoint.tag],
    parameters,
    responses: {
      "200": {
        description: "OK",
        content: { "application/json": { schema: { $ref: `#/components/schemas/${operationId}Response` } } },
      },
      default: {
        description: "An error, in the same envelope with result.code and result.message describing it.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } },
      },
    },
  };
  if (endpoint.description !== "") operation.description = endpoint.description;
  if (inBody) {
    const object: Schema = { type: "object", properties: bodyProperties };
    if (bodyRequired.length > 0) object.required = bodyRequired;
    const schema = endpoint.batchOperation
      ? { type: "object", required: ["items"], properties: { items: { type: "array", items: object } } }
      : object;
    operation.requestBody = { required: true, content: { "application/json": { schema } } };
  }
  return operation;
}

export function buildApiSpecDocument(
  app: DataAppRecord,
  endpoints: readonly EndpointRecord[],
  dataApiUrl: string,
): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  const schemas: Record<string, Schema> = { ErrorResponse: envelopeSchema() };
  const usedIds = new Set<string>();
  for (const endpoint of endpoints) {
    let operationId = `${endpoint.method.toLowerCase()}${pascalCase(endpoint.path)}`;
    for (let suffix = 2; usedIds.has(operationId); suffix++) {
      operationId = `${endpoint.method.toLowerCase()}${pascalCase(endpoint.path)}${suffix}`;
    }
    usedIds.add(operationId);
    schemas[`${operationId}Response`] = envelopeSchema();
    const pathItem = paths[endpoint.path] ?? {};
    pathItem[endpoint.method.toLowerCase()] = operationFor(endpoint, operationId);
    paths[endpoint.path] = pathItem;
  }
  const tags = [...new Set(endpoints.map((endpoint) => endpoint.tag))].map((name) => ({ name }));
  return {
    openapi: "3.0.3",
    info: {
      title: app.displayName,
      version: "1.0.0",
      ...(app.description === "" ? {} : { description: app.description }),
    },
    servers: [
      { url: `${dataApiUrl}/app/${app.dataAppId}/endpoint`, description: "Data API of the local emulator" },
    ],
    tags,
    paths,
    components: {
      securitySchemes: {
        basicAuth: {
          type: "http",
          scheme: "basic",
          description: "Data App API key: public key as user name, private key as password.",
        },
        digestAuth: {
          type: "http",
          scheme: "digest",
          description: "The same key pair with HTTP Digest (RFC 7616).",
        },
      },
      schemas,
    },
    security: [{ basicAuth: [] }, { digestAuth: [] }],
  };
}
