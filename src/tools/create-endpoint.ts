import { z } from "zod";
import { CREATES, defineTool } from "../mcp/tool-definition.js";
import {
  DEFAULT_TAG,
  defaultDisplayName,
  endpointFieldsInput,
  resolveClusterId,
  settingsForNewEndpoint,
} from "./endpoint-fields.js";
import { completeParams, lintOrFail, renderNotes } from "./endpoint-lint.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const createEndpointTool = defineTool({
  name: "create_endpoint",
  title: "Create endpoint",
  description: "Create a draft endpoint from a SQL template. Lints first: errors block the call.",
  group: "endpoints",
  input: { dataAppId: dataAppIdInput, ...endpointFieldsInput },
  output: { endpoint: anyObject, lint: z.array(anyObject) },
  annotations: CREATES,
  async run(args, { api, signal }) {
    const { dataAppId, sqlTemplate, method, path, batchOperation } = args;
    const settings = settingsForNewEndpoint(args.settings, batchOperation);
    const { lint, notes } = await lintOrFail({
      sql: sqlTemplate,
      method,
      path,
      params: args.params,
      settings: { ...settings, batchOperation },
    });
    const clusterId = await resolveClusterId(api, dataAppId, args.clusterId, signal);
    const endpoint = await api.createEndpoint(
      dataAppId,
      {
        displayName: args.displayName ?? defaultDisplayName(path),
        description: args.description,
        path,
        method,
        clusterId,
        sqlTemplate,
        tag: args.tag ?? DEFAULT_TAG,
        settings,
        params: completeParams(args.params ?? [], lint),
        batchOperation,
      },
      { signal },
    );
    return {
      structured: { endpoint, lint: notes },
      text: `Created draft endpoint ${endpoint.endpointId} (${endpoint.method} ${endpoint.path}); deploy_data_app publishes it.\n${renderJson(endpoint)}${renderNotes(notes)}`,
    };
  },
});
