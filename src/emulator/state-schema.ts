import { z } from "zod";
import {
  API_KEY_ROLES,
  ARRAY_ITEM_TYPES,
  DEPLOYMENT_STATUSES,
  HTTP_METHODS,
  PARAM_TYPES,
} from "../client/model.js";
import type { EmulatorState } from "./records.js";

// Validates a state file on load, so a damaged file is refused instead of
// producing a half-working emulator.

const endpointSchema = z.object({
  seq: z.number().int(),
  endpointId: z.string(),
  dataAppId: z.string(),
  displayName: z.string(),
  description: z.string(),
  path: z.string(),
  method: z.enum(HTTP_METHODS),
  clusterId: z.string(),
  sqlTemplate: z.string(),
  tag: z.string(),
  settings: z.object({
    timeout: z.number().int(),
    rowLimit: z.number().int(),
    cacheEnabled: z.boolean(),
    cacheTtl: z.number().int(),
    paginationEnabled: z.boolean(),
  }),
  params: z.array(
    z.object({
      name: z.string(),
      type: z.enum(PARAM_TYPES),
      itemType: z.enum(ARRAY_ITEM_TYPES).optional(),
      required: z.boolean(),
      defaultValue: z.string(),
      description: z.string(),
      enum: z.string(),
    }),
  ),
  batchOperation: z.boolean(),
  revision: z.number().int(),
  createTime: z.string(),
  updateTime: z.string(),
});

const stateSchema = z.object({
  version: z.literal(1),
  nextSeq: z.number().int(),
  nextEndpointId: z.number().int(),
  nextApiKeyId: z.number().int(),
  nextDeploymentId: z.number().int(),
  dataApps: z.array(
    z.object({
      seq: z.number().int(),
      dataAppId: z.string(),
      displayName: z.string(),
      description: z.string(),
      createTime: z.string(),
      updateTime: z.string(),
    }),
  ),
  dataSources: z.array(
    z.object({ seq: z.number().int(), dataAppId: z.string(), clusterId: z.string(), createTime: z.string() }),
  ),
  endpoints: z.array(endpointSchema),
  apiKeys: z.array(
    z.object({
      seq: z.number().int(),
      apiKeyId: z.string(),
      dataAppId: z.string(),
      publicKey: z.string(),
      privateKey: z.string(),
      description: z.string(),
      role: z.enum(API_KEY_ROLES),
      rateLimitRpm: z.number().int(),
      ttlMinutes: z.number().int().optional(),
      expireTime: z.string().optional(),
      createTime: z.string(),
      updateTime: z.string(),
    }),
  ),
  deployments: z.array(
    z.object({
      seq: z.number().int(),
      deploymentId: z.string(),
      dataAppId: z.string(),
      description: z.string(),
      status: z.enum(DEPLOYMENT_STATUSES),
      statusErrorMessage: z.string(),
      createTime: z.string(),
      finishTime: z.string().optional(),
      snapshot: z.array(endpointSchema),
    }),
  ),
  liveEndpoints: z.record(z.string(), z.array(endpointSchema)),
});

export function parseState(value: unknown): EmulatorState {
  const result = stateSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `invalid state at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "unknown problem"}`,
    );
  }
  return result.data;
}
