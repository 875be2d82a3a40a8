import { z } from "zod";
import { ARRAY_ITEM_TYPES, HTTP_METHODS, PARAM_TYPES } from "../client/model.js";

export const dataAppIdInput = z.string();
export const pageSizeInput = z.number().int().min(1).max(100).optional();
export const pageTokenInput = z.string().optional();
export const confirmationTokenInput = z.string().optional();
export const httpMethodInput = z.enum(HTTP_METHODS);

export const endpointParamInput = z.object({
  name: z.string().min(1),
  type: z.enum(PARAM_TYPES),
  itemType: z.enum(ARRAY_ITEM_TYPES).optional(),
  required: z.boolean().optional(),
  defaultValue: z.string().optional(),
  description: z.string().optional(),
  enum: z.string().optional().describe("Comma-separated allowed values"),
});

export const endpointSettingsInput = z
  .object({
    timeout: z.number().int().min(1).max(60000).describe("ms"),
    rowLimit: z.number().int().min(1).max(2000),
    cacheEnabled: z.boolean(),
    cacheTtl: z.number().int().min(30).max(600).describe("s"),
    paginationEnabled: z.boolean(),
  })
  .partial();

/**
 * An object whose fields the output schema leaves open, to keep tools/list small.
 * Typed as `object` so the model's interfaces (which lack index signatures) fit.
 */
export const anyObject = z.looseObject({}) as unknown as z.ZodType<object>;

export const pageOutput = {
  items: z.array(anyObject),
  nextPageToken: z.string().optional(),
};
