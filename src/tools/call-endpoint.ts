import { z } from "zod";
import { DataServiceError } from "../client/errors.js";
import type { EndpointRunResult } from "../client/model.js";
import { defineTool, ToolFailure } from "../mcp/tool-definition.js";
import { runOutput, summarizeRun } from "./run-result.js";
import { dataAppIdInput, httpMethodInput } from "./shared-schemas.js";

const KEY_HELP =
  "Pass publicKey and privateKey, or set TIDB_DATASERVICE_APP_PUBLIC_KEY and TIDB_DATASERVICE_APP_PRIVATE_KEY in the server's environment; create_api_key makes a key.";

export const callEndpointTool = defineTool({
  name: "call_endpoint",
  title: "Call endpoint",
  description: "Call a deployed endpoint through the data API with a Data App key, as an application would.",
  group: "endpoints",
  input: {
    dataAppId: dataAppIdInput,
    method: httpMethodInput,
    path: z.string().min(2).describe("Path with values filled in, e.g. /orders/42"),
    params: z.record(z.string(), z.unknown()).optional().describe("Query (GET/DELETE) or body (POST/PUT)"),
    draft: z.boolean().optional().describe("Call the draft instead"),
    publicKey: z.string().min(1).optional(),
    privateKey: z.string().min(1).optional(),
  },
  output: { ...runOutput, httpStatus: z.number() },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(
    { dataAppId, method, path, params, draft, publicKey, privateKey },
    { dataApi, dataAppKey, signal },
  ) {
    const key = {
      publicKey: publicKey ?? dataAppKey.publicKey,
      privateKey: privateKey ?? dataAppKey.privateKey,
    };
    if (!key.publicKey || !key.privateKey) throw new ToolFailure(`No Data App API key. ${KEY_HELP}`);
    const target = `${method} ${path} of Data App ${dataAppId}${draft ? " (draft)" : ""}`;
    let response: { httpStatus: number; body: EndpointRunResult };
    try {
      response = await dataApi.call(
        { dataAppId, method, path, params, draft, publicKey: key.publicKey, privateKey: key.privateKey },
        { signal },
      );
    } catch (error) {
      if (error instanceof DataServiceError && error.status !== undefined) {
        throw new ToolFailure(
          describeDataApiStatus(error.status, error.message, target, undefined, error.retryAfterSeconds),
        );
      }
      if (error instanceof DataServiceError && error.kind === "network") {
        throw new ToolFailure(
          `Could not reach the data API for ${target}: ${error.message} Check the network and TIDB_DATASERVICE_DATA_API_URL (the app's regional data API, e.g. https://us-east-1.data.tidbcloud.com/api/v1beta), then retry.`,
        );
      }
      throw error;
    }
    if (response.httpStatus !== 200) {
      throw new ToolFailure(
        describeDataApiStatus(
          response.httpStatus,
          response.body.result?.message ?? "",
          target,
          response.body,
        ),
      );
    }
    const summary = summarizeRun(
      response.body,
      "Fix the SQL with update_endpoint, test_endpoint, then deploy_data_app again.",
    );
    return { structured: { ...summary.structured, httpStatus: response.httpStatus }, text: summary.text };
  },
});

function describeDataApiStatus(
  status: number,
  message: string,
  target: string,
  body?: EndpointRunResult,
  retryAfterSeconds?: number,
): string {
  const said = message ? ` The data API said: ${message}.` : "";
  switch (status) {
    case 400:
      return `Bad parameters for ${target} (400).${said} Check names, types, required params and enums with get_endpoint.`;
    case 401:
      return `The Data App key was rejected (401${body?.result.code === 49900002 ? ", key expired" : ""}) for ${target}.${said} ${KEY_HELP}`;
    case 403:
      return `The Data App key may not run this (403) for ${target}.${said} A READ_ONLY key runs only SELECT, SHOW, USE, DESC and EXPLAIN; use a READ_AND_WRITE key.`;
    case 404:
      return `No endpoint answers ${target} (404).${said} list_endpoints shows paths; an endpoint is callable only after deploy_data_app, or pass draft: true to call its draft.`;
    case 405:
      return `Method not allowed for ${target} (405).${said} list_endpoints shows each path's method.`;
    case 408:
      return `The query for ${target} hit the endpoint's timeout (408).${said} Raise settings.timeout with update_endpoint or make the query cheaper.`;
    case 429:
      // The wait comes from Retry-After / X-Ratelimit-Reset; the service's own text would only repeat it.
      return `The Data App key's rate limit was exceeded (429) for ${target}. Wait ${retryAfterSeconds ?? 60} seconds before calling again, or raise rateLimitRpm with update_api_key.`;
    default:
      return `The data API failed (${status}) for ${target}.${said} Retry later.`;
  }
}
