import { z } from "zod";
import type { UpdateEndpointInput } from "../client/model.js";
import { defineTool, UPDATES } from "../mcp/tool-definition.js";
import { endpointFieldsInput } from "./endpoint-fields.js";
import { completeParams, lintOrFail, renderNotes } from "./endpoint-lint.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const updateEndpointTool = defineTool({
  name: "update_endpoint",
  title: "Update endpoint",
  description: "Change an endpoint's draft; omitted fields stay. Lints the result first.",
  group: "endpoints",
  input: {
    dataAppId: dataAppIdInput,
    endpointId: z.string(),
    ...endpointFieldsInput,
    path: endpointFieldsInput.path.optional(),
    method: endpointFieldsInput.method.optional(),
    sqlTemplate: endpointFieldsInput.sqlTemplate.optional(),
  },
  output: { endpoint: anyObject, lint: z.array(anyObject) },
  annotations: UPDATES,
  async run(args, { api, signal }) {
    const { dataAppId, endpointId } = args;
    const current = await api.getEndpoint(dataAppId, endpointId, { signal });
    const merged = {
      sql: args.sqlTemplate ?? current.sqlTemplate,
      method: args.method ?? current.method,
      path: args.path ?? current.path,
      params: args.params ?? current.params,
      settings: { ...current.settings, ...args.settings },
      batchOperation: args.batchOperation ?? current.batchOperation,
    };
    const { lint, notes } = await lintOrFail({
      sql: merged.sql,
      method: merged.method,
      path: merged.path,
      params: merged.params,
      settings: { ...merged.settings, batchOperation: merged.batchOperation },
    });
    const changes: UpdateEndpointInput = {
      displayName: args.displayName,
      description: args.description,
      path: args.path,
      method: args.method,
      clusterId: args.clusterId,
      sqlTemplate: args.sqlTemplate,
      tag: args.tag,
      settings: args.settings === undefined ? undefined : merged.settings,
      params: completeParams(merged.params, lint),
      batchOperation: args.batchOperation,
    };
    const endpoint = await api.updateEndpoint(dataAppId, endpointId, changes, { signal });
    return {
      structured: { endpoint, lint: notes },
      text: `Updated the draft of endpoint ${endpointId}; deploy_data_app publishes it.\n${renderJson(endpoint)}${renderNotes(notes)}`,
    };
  },
});
