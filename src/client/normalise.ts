import { z } from "zod";
import { DataServiceError } from "./errors.js";
import type {
  ApiKey,
  ApiKeyRole,
  ArrayItemType,
  DataApp,
  DataSource,
  Deployment,
  DeploymentStatus,
  Endpoint,
  EndpointParam,
  EndpointRunResult,
  HttpMethod,
  Page,
  ParamType,
} from "./model.js";

// The one place that maps the spec's and the official API's spellings onto the
// model: `createTime` / `createdAt`, uppercase / lowercase param types,
// `SUCCEEDED` / `success`, masked private keys, camelCase / snake_case run
// results. Unknown extra fields pass through untouched.

const optionalString = z.string().nullish();
// The service's error envelopes send "" where a number is unknown (`start_ms: ""`).
const optionalNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/), z.literal("")]).nullish();

function toNumber(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return typeof value === "number" ? value : Number(value);
}

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined || value[key] === null) delete value[key];
  }
  return value;
}

function withoutKeys(raw: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const copy = { ...raw };
  for (const key of keys) delete copy[key];
  return copy;
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  throw new DataServiceError({
    kind: "invalid_response",
    message: `The service returned an unexpected ${what}${where}: ${issue?.message ?? "invalid shape"}. The API may have changed; report this with the request that caused it.`,
    details: result.error.issues.slice(0, 5),
  });
}

const dataAppSchema = z.looseObject({
  dataAppId: z.string(),
  displayName: z.string().nullish(),
  description: optionalString,
  region: optionalString,
  projectId: optionalString,
  clusterIds: z.array(z.string()).nullish(),
  createTime: optionalString,
  createdAt: optionalString,
  updateTime: optionalString,
  updatedAt: optionalString,
});

export function normaliseDataApp(value: unknown): DataApp {
  const raw = parseWith(dataAppSchema, value, "Data App");
  return defined({
    ...withoutKeys(raw, ["createdAt", "updatedAt"]),
    dataAppId: raw.dataAppId,
    displayName: raw.displayName ?? "",
    description: raw.description ?? undefined,
    createTime: raw.createTime ?? raw.createdAt ?? undefined,
    updateTime: raw.updateTime ?? raw.updatedAt ?? undefined,
  }) as DataApp;
}

const dataSourceSchema = z.looseObject({
  clusterId: z.string(),
  clusterName: optionalString,
  clusterDisplay: optionalString,
  clusterType: optionalString,
  clusterRegion: optionalString,
  createTime: optionalString,
  createdAt: optionalString,
});

export function normaliseDataSource(value: unknown): DataSource {
  const raw = parseWith(dataSourceSchema, value, "data source");
  return defined({
    ...withoutKeys(raw, ["createdAt"]),
    clusterId: raw.clusterId,
    clusterName: raw.clusterName ?? raw.clusterDisplay ?? undefined,
    createTime: raw.createTime ?? raw.createdAt ?? undefined,
  }) as DataSource;
}

const PARAM_TYPE_SPELLINGS: Record<string, ParamType> = {
  STRING: "STRING",
  INTEGER: "INTEGER",
  INT: "INTEGER",
  NUMBER: "NUMBER",
  BOOLEAN: "BOOLEAN",
  BOOL: "BOOLEAN",
  ARRAY: "ARRAY",
};

const paramSchema = z.looseObject({
  name: z.string(),
  type: z.string().transform((type, context) => {
    const known = PARAM_TYPE_SPELLINGS[type.toUpperCase()];
    if (known === undefined) {
      context.addIssue({ code: "custom", message: `unknown parameter type '${type}'` });
      return z.NEVER;
    }
    return known;
  }),
  itemType: z
    .string()
    .nullish()
    .transform((type) => (type ? (type.toUpperCase() as ArrayItemType) : undefined)),
  required: z.union([z.boolean(), z.number()]).nullish(),
  defaultValue: optionalString,
  description: optionalString,
  enum: optionalString,
});

function normaliseParam(raw: z.infer<typeof paramSchema>): EndpointParam {
  const itemType = raw.itemType === ("" as ArrayItemType) ? undefined : raw.itemType;
  return defined({
    ...raw,
    type: raw.type,
    itemType: raw.type === "ARRAY" ? itemType : undefined,
    required: raw.required === null || raw.required === undefined ? undefined : Boolean(raw.required),
  }) as EndpointParam;
}

const endpointSchema = z.looseObject({
  name: optionalString,
  endpointId: optionalString,
  dataAppId: optionalString,
  displayName: z.string().nullish(),
  description: optionalString,
  path: z.string(),
  method: z.string().transform((method) => method.toUpperCase() as HttpMethod),
  clusterId: z.string().nullish(),
  sqlTemplate: z.string().nullish(),
  tag: optionalString,
  settings: z.looseObject({}).nullish(),
  params: z.array(paramSchema).nullish(),
  batchOperation: z.boolean().nullish(),
  status: optionalString,
  createTime: optionalString,
  createdAt: optionalString,
  updateTime: optionalString,
  updatedAt: optionalString,
});

/** `dataApps/{dataAppId}/endpoints/{endpointId}`, the official resource name. */
function parseEndpointName(name: string | null | undefined): { dataAppId?: string; endpointId?: string } {
  const match = /^dataApps\/([^/]+)\/endpoints\/([^/]+)$/.exec(name ?? "");
  return match ? { dataAppId: match[1], endpointId: match[2] } : {};
}

export function normaliseEndpoint(value: unknown, dataAppId?: string): Endpoint {
  const raw = parseWith(endpointSchema, value, "endpoint");
  const fromName = parseEndpointName(raw.name);
  const endpointId = raw.endpointId ?? fromName.endpointId;
  if (endpointId === undefined) {
    throw new DataServiceError({
      kind: "invalid_response",
      message:
        "The service returned an endpoint without endpointId or name. Report this with the request that caused it.",
    });
  }
  const status = raw.status?.toLowerCase();
  return defined({
    ...withoutKeys(raw, ["createdAt", "updatedAt"]),
    endpointId,
    dataAppId: raw.dataAppId ?? fromName.dataAppId ?? dataAppId ?? "",
    displayName: raw.displayName ?? "",
    method: raw.method,
    clusterId: raw.clusterId ?? "",
    sqlTemplate: raw.sqlTemplate ?? "",
    settings: defined({ ...(raw.settings ?? {}) }),
    params: (raw.params ?? []).map(normaliseParam),
    status: status === "draft" || status === "deployed" ? status : undefined,
    createTime: raw.createTime ?? raw.createdAt ?? undefined,
    updateTime: raw.updateTime ?? raw.updatedAt ?? undefined,
  }) as unknown as Endpoint;
}

const apiKeySchema = z.looseObject({
  apiKeyId: z.union([z.string(), z.number()]).transform(String),
  publicKey: z.string(),
  privateKey: optionalString,
  maskedPrivateKey: optionalString,
  description: optionalString,
  role: z.string().transform((role) => role.toUpperCase() as ApiKeyRole),
  rateLimitRpm: optionalNumber,
  createTime: optionalString,
  createdAt: optionalString,
});

/** A private key the service shows only partly, e.g. `****...abcd`. */
function isMasked(privateKey: string): boolean {
  return privateKey.includes("*");
}

export function normaliseApiKey(value: unknown): ApiKey {
  const raw = parseWith(apiKeySchema, value, "API key");
  const privateKey = raw.privateKey ?? undefined;
  const masked = privateKey !== undefined && privateKey !== "" && isMasked(privateKey);
  return defined({
    ...withoutKeys(raw, ["createdAt", "privateKey"]),
    apiKeyId: raw.apiKeyId,
    role: raw.role,
    rateLimitRpm: toNumber(raw.rateLimitRpm) ?? 100,
    privateKey: masked || privateKey === "" ? undefined : privateKey,
    maskedPrivateKey: raw.maskedPrivateKey ?? (masked ? privateKey : undefined),
    createTime: raw.createTime ?? raw.createdAt ?? undefined,
  }) as ApiKey;
}

const DEPLOYMENT_STATUS_SPELLINGS: Record<string, DeploymentStatus> = {
  PENDING: "PENDING",
  RUNNING: "RUNNING",
  DEPLOYING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  SUCCESS: "SUCCEEDED",
  FAILED: "FAILED",
  FAILURE: "FAILED",
};

const deploymentSchema = z.looseObject({
  deploymentId: z.union([z.string(), z.number()]).transform(String),
  name: optionalString,
  dataAppId: optionalString,
  status: z.string().transform((status, context) => {
    const known = DEPLOYMENT_STATUS_SPELLINGS[status.toUpperCase()];
    if (known === undefined) {
      context.addIssue({ code: "custom", message: `unknown deployment status '${status}'` });
      return z.NEVER;
    }
    return known;
  }),
  description: optionalString,
  statusErrorMessage: optionalString,
  createTime: optionalString,
  createdAt: optionalString,
  finishTime: optionalString,
  finishedAt: optionalString,
});

export function normaliseDeployment(value: unknown, dataAppId?: string): Deployment {
  const raw = parseWith(deploymentSchema, value, "deployment");
  const fromName = /^dataApps\/([^/]+)\//.exec(raw.name ?? "")?.[1];
  return defined({
    ...withoutKeys(raw, ["createdAt", "finishedAt"]),
    deploymentId: raw.deploymentId,
    dataAppId: raw.dataAppId ?? fromName ?? dataAppId ?? "",
    status: raw.status,
    statusErrorMessage: raw.statusErrorMessage || undefined,
    createTime: raw.createTime ?? raw.createdAt ?? undefined,
    finishTime: raw.finishTime ?? raw.finishedAt ?? undefined,
  }) as Deployment;
}

/** `{<itemsKey>: [...], nextPageToken}`; an empty token means the last page. */
export function normalisePage<T>(
  value: unknown,
  itemsKey: string,
  normaliseItem: (item: unknown) => T,
): Page<T> {
  const raw = parseWith(
    z.looseObject({ [itemsKey]: z.array(z.unknown()).nullish(), nextPageToken: optionalString }),
    value,
    `${itemsKey} list`,
  ) as Record<string, unknown>;
  const items = ((raw[itemsKey] as unknown[] | null | undefined) ?? []).map(normaliseItem);
  const token = raw.nextPageToken;
  return typeof token === "string" && token !== "" ? { items, nextPageToken: token } : { items };
}

const cellSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((cell) => (cell === null ? null : String(cell)));

const runResultSchema = z.looseObject({
  type: z.string().nullish(),
  data: z
    .looseObject({
      columns: z
        .array(
          z.looseObject({
            col: z.string().nullish(),
            name: z.string().nullish(),
            dataType: optionalString,
            data_type: optionalString,
            nullable: z.boolean().nullish(),
          }),
        )
        .nullish(),
      rows: z.array(z.record(z.string(), z.unknown())).nullish(),
      result: z
        .looseObject({
          code: optionalNumber,
          message: optionalString,
          latency: optionalString,
          rowCount: optionalNumber,
          row_count: optionalNumber,
          rowAffect: optionalNumber,
          row_affect: optionalNumber,
          limit: optionalNumber,
          startMs: optionalNumber,
          start_ms: optionalNumber,
          endMs: optionalNumber,
          end_ms: optionalNumber,
        })
        .nullish(),
    })
    .nullish(),
});

function normaliseRow(row: Record<string, unknown>): Record<string, string | null> {
  // The management test call wraps each row as {items: {...}}; the data API does not.
  const items = row.items;
  const cells =
    Object.keys(row).length === 1 && typeof items === "object" && items !== null && !Array.isArray(items)
      ? (items as Record<string, unknown>)
      : row;
  const normalised: Record<string, string | null> = {};
  for (const [column, cell] of Object.entries(cells)) {
    const parsed = cellSchema.safeParse(cell);
    normalised[column] = parsed.success ? parsed.data : JSON.stringify(cell);
  }
  return normalised;
}

/** The run result of the management test call (camelCase) or the data API (snake_case). */
export function normaliseRunResult(value: unknown): EndpointRunResult {
  const raw = parseWith(runResultSchema, value, "endpoint result");
  const data = raw.data ?? {};
  const result = data.result ?? {};
  const startMs = toNumber(result.startMs ?? result.start_ms);
  const endMs = toNumber(result.endMs ?? result.end_ms);
  return {
    type: raw.type ?? "",
    columns: (data.columns ?? []).map((column) => ({
      name: column.col ?? column.name ?? "",
      dataType: column.dataType ?? column.data_type ?? "",
      nullable: column.nullable ?? true,
    })),
    rows: (data.rows ?? []).map(normaliseRow),
    result: defined({
      code: toNumber(result.code) ?? 200,
      message: result.message ?? "",
      latency: result.latency ?? "",
      rowCount: toNumber(result.rowCount ?? result.row_count) ?? 0,
      rowAffect: toNumber(result.rowAffect ?? result.row_affect) ?? 0,
      limit: toNumber(result.limit) ?? 0,
      startMs,
      endMs,
    }),
  };
}

/** True when a response body is a data API envelope (it has `data.result` or `data.rows`). */
export function isRunResultEnvelope(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const data = (value as Record<string, unknown>).data;
  return typeof data === "object" && data !== null && ("result" in data || "rows" in data);
}
