import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { toCompactJsonSchema } from "./json-schema.js";
import type { AnyToolDefinition, FeatureGroup, ToolAnnotations } from "./tool-definition.js";

/** What tools/list and the refusal rules need of a tool, without loading its module. */
export interface CatalogEntry {
  group: FeatureGroup;
  unscopedOnly: boolean;
  /** The unscoped tools/list entry. */
  listing: Tool & { annotations: ToolAnnotations };
}

export interface ToolSelection {
  readOnly: boolean;
  features: readonly FeatureGroup[];
  /** Scope every tool to this Data App: `dataAppId` leaves the schemas and is injected. */
  dataAppId?: string;
}

/** The catalog entries of the tool definitions: their JSON Schemas, computed once. */
export function buildCatalog(definitions: readonly AnyToolDefinition[]): CatalogEntry[] {
  return definitions.map((definition) => ({
    group: definition.group,
    unscopedOnly: definition.unscopedOnly === true,
    listing: {
      name: definition.name,
      title: definition.title,
      description: definition.description,
      inputSchema: toCompactJsonSchema(z.object(definition.input), "input") as Tool["inputSchema"],
      outputSchema: toCompactJsonSchema(z.object(definition.output), "output") as Tool["outputSchema"],
      annotations: { ...definition.annotations },
    },
  }));
}

/** Why a known tool is not offered in this configuration, so a direct call gets a clear refusal. */
export function exclusionReason(entry: CatalogEntry, selection: ToolSelection): string | undefined {
  const { name, annotations } = entry.listing;
  if (selection.readOnly && !annotations.readOnlyHint) {
    return `${name} changes data and this server runs with --read-only. Restart it without --read-only to allow changes.`;
  }
  if (!selection.features.includes(entry.group)) {
    return `${name} belongs to the feature group '${entry.group}', which is not enabled (--features ${selection.features.join(",")}).`;
  }
  if (selection.dataAppId !== undefined && entry.unscopedOnly) {
    return `${name} is not available while the server is scoped to Data App ${selection.dataAppId} (--data-app).`;
  }
  return undefined;
}

/** The tools/list entry of a tool in a configuration: scoped, `dataAppId` is gone from its input. */
export function listingFor(entry: CatalogEntry, selection: ToolSelection): Tool {
  const { inputSchema } = entry.listing;
  if (
    selection.dataAppId === undefined ||
    !inputSchema.properties ||
    !("dataAppId" in inputSchema.properties)
  ) {
    return entry.listing;
  }
  const { dataAppId: _injected, ...properties } = inputSchema.properties;
  const required = (inputSchema.required ?? []).filter((field) => field !== "dataAppId");
  const { properties: _all, required: _allRequired, ...rest } = inputSchema;
  return {
    ...entry.listing,
    inputSchema: {
      ...rest,
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
      ...(required.length > 0 ? { required } : {}),
    },
  };
}

/** The tools/list of a configuration. */
export function listCatalog(catalog: readonly CatalogEntry[], selection: ToolSelection): Tool[] {
  return catalog
    .filter((entry) => exclusionReason(entry, selection) === undefined)
    .map((entry) => listingFor(entry, selection));
}

/**
 * The source of `src/tools/tool-catalog.generated.ts`. The JSON sits in a raw
 * template literal; backticks and `${` are written as JSON unicode escapes.
 */
export function renderCatalogModule(catalog: readonly CatalogEntry[]): string {
  const json = JSON.stringify(catalog).replaceAll("`", "\\u0060").replaceAll("${", "$\\u007b");
  return [
    "// Generated from the tool definitions by test/mcp/tool-catalog.test.ts: do not edit.",
    "// After changing a tool, review and regenerate: npx vitest run test/mcp/tool-catalog.test.ts -u",
    "// tools/list is answered from here, so start-up does not load every tool module.",
    'import type { CatalogEntry } from "../mcp/tool-catalog.js";',
    "",
    "export const TOOL_CATALOG: readonly CatalogEntry[] = JSON.parse(",
    `  String.raw\`${json}\`,`,
    ");",
    "",
  ].join("\n");
}
