import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { describeToolFailure } from "./error-mapping.js";
import { type CatalogEntry, exclusionReason, listCatalog, type ToolSelection } from "./tool-catalog.js";
import type { AnyToolDefinition, ToolContext } from "./tool-definition.js";

export type { ToolSelection } from "./tool-catalog.js";

export type ToolContextBase = Omit<ToolContext, "signal" | "reportProgress" | "confirmWithUser">;

export interface ToolSources {
  /** Answers tools/list and decides what is offered, without loading the tool modules. */
  catalog: readonly CatalogEntry[];
  /** The definitions with their handlers, loaded on the first call. */
  loadDefinitions(): Promise<readonly AnyToolDefinition[]>;
}

interface CallableTool {
  definition: AnyToolDefinition;
  inputSchema: z.ZodObject<z.ZodRawShape>;
}

/**
 * The one registration loop: input validation, `dataAppId` injection, read-only and
 * feature refusal, error mapping and result shaping happen here and nowhere else.
 */
export function registerTools(
  server: McpServer,
  sources: ToolSources,
  selection: ToolSelection,
  contextBase: ToolContextBase,
): void {
  const offered = new Set<string>();
  const excluded = new Map<string, string>();
  for (const entry of sources.catalog) {
    const reason = exclusionReason(entry, selection);
    if (reason === undefined) offered.add(entry.listing.name);
    else excluded.set(entry.listing.name, reason);
  }
  const listing = listCatalog(sources.catalog, selection);

  let callable: Promise<Map<string, CallableTool>> | undefined;
  const loadCallable = () => {
    callable ??= sources.loadDefinitions().then((definitions) => {
      const tools = new Map<string, CallableTool>();
      for (const definition of definitions) {
        if (!offered.has(definition.name)) continue;
        const shape: Record<string, z.core.$ZodType> = { ...definition.input };
        if (selection.dataAppId !== undefined) delete shape.dataAppId;
        tools.set(definition.name, { definition, inputSchema: z.object(shape) });
      }
      return tools;
    });
    return callable;
  };

  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listing }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const name = request.params.name;
    const tool = offered.has(name) ? (await loadCallable()).get(name) : undefined;
    if (!tool) {
      return toolError(excluded.get(name) ?? `Unknown tool ${name}. Call tools/list to see the tools.`);
    }

    const parsed = tool.inputSchema.safeParse(request.params.arguments ?? {});
    if (!parsed.success) return toolError(describeInvalidArguments(name, parsed.error));
    const args: Record<string, unknown> = { ...parsed.data };
    if (selection.dataAppId !== undefined && "dataAppId" in tool.definition.input) {
      args.dataAppId = selection.dataAppId;
    }

    const progressToken = extra._meta?.progressToken;
    const context: ToolContext = {
      ...contextBase,
      signal: extra.signal,
      async reportProgress(progress, total, message) {
        if (progressToken === undefined) return;
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken, progress, ...(total === undefined ? {} : { total }), message },
        });
      },
    };
    if (server.server.getClientCapabilities()?.elicitation) {
      context.confirmWithUser = async (message) => {
        const answer = await server.server.elicitInput(
          {
            mode: "form",
            message,
            requestedSchema: {
              type: "object",
              properties: { confirm: { type: "boolean", title: "Delete", description: "Check to delete" } },
              required: ["confirm"],
            },
          },
          { signal: extra.signal },
        );
        if (answer.action !== "accept") return answer.action;
        return answer.content?.confirm === true ? "accept" : "decline";
      };
    }
    try {
      const outcome = await tool.definition.run(args, context);
      return { content: [{ type: "text", text: outcome.text }], structuredContent: outcome.structured };
    } catch (error) {
      return toolError(
        describeToolFailure(error, {
          toolName: name,
          args,
          localClusterIds: contextBase.localClusterIds,
          scopedDataAppId: selection.dataAppId,
        }),
      );
    }
  });
}

function toolError(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

function describeInvalidArguments(toolName: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "(arguments)";
    return `${field}: ${issue.message}`;
  });
  return `Invalid arguments for ${toolName}: ${problems.join("; ")}. Fix them and call again.`;
}
