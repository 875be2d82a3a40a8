import type { z } from "zod";
import type { DataApiCaller, DataServiceApi } from "../client/api.js";

export const FEATURE_GROUPS = [
  "apps",
  "data_sources",
  "endpoints",
  "api_keys",
  "deployments",
  "spec",
] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** The Data App key `call_endpoint` falls back to when the caller passes none. */
export interface DataAppKeyDefaults {
  publicKey?: string;
  privateKey?: string;
}

/** What a tool handler may touch: narrow interfaces, never HTTP or the MCP transport. */
export interface ToolContext {
  api: DataServiceApi;
  dataApi: DataApiCaller;
  dataAppKey: DataAppKeyDefaults;
  /** In --local mode, the clusters of the embedded emulator (a 404 on linking one names them). */
  localClusterIds?: readonly string[];
  signal: AbortSignal;
  /** Sends an MCP progress notification when the client asked for progress; a no-op otherwise. */
  reportProgress(progress: number, total: number | undefined, message: string): Promise<void>;
  /**
   * Asks the user to confirm through the client's own form (MCP elicitation).
   * Absent when the client does not support elicitation.
   */
  confirmWithUser?(message: string): Promise<"accept" | "decline" | "cancel">;
  /** Milliseconds between deployment status polls. */
  deployPollIntervalMs: number;
  /** Upper bound on how long deploy_data_app waits for a deployment to finish. */
  deployTimeoutMs: number;
}

export interface ToolSuccess<Output> {
  structured: Output;
  /** Compact rendering for clients that only show text. */
  text: string;
}

/** A failure the model can act on; its message goes back verbatim as the tool error. */
export class ToolFailure extends Error {
  override readonly name = "ToolFailure";
}

export interface ToolDefinition<Input extends z.ZodRawShape, Output extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  group: FeatureGroup;
  /** Dropped when the server is scoped to one Data App (it makes no sense there). */
  unscopedOnly?: boolean;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  run(
    args: z.output<z.ZodObject<Input>>,
    context: ToolContext,
  ): Promise<ToolSuccess<z.output<z.ZodObject<Output>>>>;
}

/** The type-erased form the registration loop works with. */
export interface AnyToolDefinition extends Omit<ToolDefinition<z.ZodRawShape, z.ZodRawShape>, "run"> {
  run(args: Record<string, unknown>, context: ToolContext): Promise<ToolSuccess<Record<string, unknown>>>;
}

export function defineTool<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(
  definition: ToolDefinition<Input, Output>,
): AnyToolDefinition {
  return definition as unknown as AnyToolDefinition;
}

export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

export const CREATES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

export const UPDATES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};

export const DELETES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};
