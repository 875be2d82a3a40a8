import { z } from "zod";
import type { DataServiceApi } from "../client/api.js";
import type { EndpointSettings } from "../client/model.js";
import { ToolFailure } from "../mcp/tool-definition.js";
import { endpointParamInput, endpointSettingsInput, httpMethodInput } from "./shared-schemas.js";

/** The editable fields of an endpoint, as create_endpoint takes them. */
export const endpointFieldsInput = {
  path: z
    .string()
    .min(2)
    .max(64)
    .regex(/^\/[A-Za-z0-9_/{}]+$/)
    .describe("e.g. /orders/{id}"),
  method: httpMethodInput,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
  sqlTemplate: z.string().min(1).describe("SQL with ${param} placeholders"),
  displayName: z.string().max(32).optional().describe("Default: the path"),
  description: z.string().optional(),
  clusterId: z.string().optional().describe("Default: the app's only data source"),
  tag: z.string().optional(),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
  params: z.array(endpointParamInput).optional().describe("Undeclared ${params} are added"),
  settings: endpointSettingsInput.optional(),
  batchOperation: z.boolean().optional(),
};

/** The cluster to use when the caller named none: only unambiguous when the app has exactly one. */
export async function resolveClusterId(
  api: DataServiceApi,
  dataAppId: string,
  clusterId: string | undefined,
  signal: AbortSignal,
): Promise<string> {
  if (clusterId) return clusterId;
  const sources = await api.listDataSources(dataAppId, { signal });
  const only = sources.length === 1 ? sources[0] : undefined;
  if (only) return only.clusterId;
  if (sources.length === 0) {
    throw new ToolFailure(
      `Data App ${dataAppId} has no data source. Link a cluster with create_data_source first.`,
    );
  }
  throw new ToolFailure(
    `Data App ${dataAppId} has ${sources.length} data sources (${sources.map((s) => s.clusterId).join(", ")}): pass clusterId.`,
  );
}

/**
 * The display name used when the caller gives none: the path, with `{param}`
 * written `[param]` (braces are not allowed in names), cut to the 32-character limit.
 */
export function defaultDisplayName(path: string): string {
  return path.replace(/\{([^}]*)\}/g, "[$1]").slice(0, 32);
}

/**
 * The settings a new endpoint gets (facts §4), sent in full: the official API requires
 * `settings` and `tag` on create, while the user's spec lets them default.
 */
export function settingsForNewEndpoint(
  settings: EndpointSettings | undefined,
  batchOperation: boolean | undefined,
): Required<EndpointSettings> {
  return {
    timeout: 30000,
    rowLimit: batchOperation ? 100 : 1000,
    cacheEnabled: false,
    cacheTtl: 300,
    paginationEnabled: false,
    ...definedOnly(settings ?? {}),
  };
}

export const DEFAULT_TAG = "Default";

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
