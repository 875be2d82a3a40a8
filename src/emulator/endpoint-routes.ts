import { invalidArgument, notFound } from "./api-error.js";
import { requireApp } from "./app-lookup.js";
import { checkEndpointRules, readEndpointFields } from "./endpoint-input.js";
import { describe, requireObject } from "./input-fields.js";
import { listBody } from "./page-token.js";
import type { EndpointFields, EndpointRecord } from "./records.js";
import type { Route } from "./router.js";
import { isoTime, type Services } from "./services.js";
import { endpointView } from "./views.js";

const ENDPOINTS = "/v1beta1/dataApps/{dataAppId}/endpoints";
const ENDPOINT = "/v1beta1/dataApps/{dataAppId}/endpoints/{endpointId}";

function fieldsOf(endpoint: EndpointRecord): EndpointFields {
  const {
    displayName,
    description,
    path,
    method,
    clusterId,
    sqlTemplate,
    tag,
    settings,
    params,
    batchOperation,
  } = endpoint;
  return {
    displayName,
    description,
    path,
    method,
    clusterId,
    sqlTemplate,
    tag,
    settings,
    params,
    batchOperation,
  };
}

/** The official test body `{args: [{items: {name: "value"}}]}`, merged into one map of strings. */
function readTestArgs(input: unknown): Record<string, string> {
  if (input === undefined) return {};
  const body = requireObject(input, "The request body");
  if (body.args === undefined) return {};
  if (!Array.isArray(body.args)) {
    throw invalidArgument('args must be an array like [{"items": {"id": "42"}}].');
  }
  const args: Record<string, string> = {};
  for (const entry of body.args) {
    const items = requireObject(requireObject(entry, "Each args entry").items ?? {}, "args[].items");
    for (const [name, value] of Object.entries(items)) {
      if (typeof value !== "string") {
        throw invalidArgument(
          `Test argument '${name}' must be a string (all test values are strings), got ${describe(value)}.`,
        );
      }
      args[name] = value;
    }
  }
  return args;
}

export function endpointRoutes(services: Services): Route[] {
  const { store } = services;
  const findEndpoint = (dataAppId: string, endpointId: string) => {
    const endpoint = store.state.endpoints.find(
      (candidate) => candidate.dataAppId === dataAppId && candidate.endpointId === endpointId,
    );
    if (endpoint === undefined) {
      throw notFound(
        "Endpoint",
        endpointId,
        `List the endpoints of ${dataAppId} with GET .../endpoints to find its id.`,
      );
    }
    return endpoint;
  };
  return [
    {
      method: "GET",
      pattern: ENDPOINTS,
      handler: async ({ params, url }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const page = services.pageTokens.paginate(
          `endpoints:${app.dataAppId}`,
          store.listDraftEndpoints(app.dataAppId),
          url.searchParams,
        );
        return {
          status: 200,
          body: listBody("endpoints", page, (endpoint) => endpointView(store, endpoint)),
        };
      },
    },
    {
      method: "POST",
      pattern: ENDPOINTS,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const fields = checkEndpointRules(readEndpointFields(await readJson(), undefined), {
          linkedClusterIds: store.listLinkedClusterIds(app.dataAppId),
          siblings: store.listDraftEndpoints(app.dataAppId),
        });
        const now = isoTime(services.now());
        const endpoint: EndpointRecord = {
          seq: store.nextSeq(),
          endpointId: String(store.state.nextEndpointId++),
          dataAppId: app.dataAppId,
          ...fields,
          revision: 1,
          createTime: now,
          updateTime: now,
        };
        store.state.endpoints.push(endpoint);
        await store.commit();
        return { status: 200, body: endpointView(store, endpoint) };
      },
    },
    {
      method: "GET",
      pattern: ENDPOINT,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        return {
          status: 200,
          body: endpointView(store, findEndpoint(app.dataAppId, params.endpointId ?? "")),
        };
      },
    },
    {
      method: "PATCH",
      pattern: ENDPOINT,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const endpoint = findEndpoint(app.dataAppId, params.endpointId ?? "");
        const fields = checkEndpointRules(readEndpointFields(await readJson(), fieldsOf(endpoint)), {
          linkedClusterIds: store.listLinkedClusterIds(app.dataAppId),
          siblings: store.listDraftEndpoints(app.dataAppId).filter((other) => other !== endpoint),
        });
        Object.assign(endpoint, fields);
        // A changed endpoint is a draft again until the next successful deployment.
        endpoint.revision++;
        endpoint.updateTime = isoTime(services.now());
        await store.commit();
        return { status: 200, body: endpointView(store, endpoint) };
      },
    },
    {
      method: "DELETE",
      pattern: ENDPOINT,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const endpoint = findEndpoint(app.dataAppId, params.endpointId ?? "");
        store.state.endpoints = store.state.endpoints.filter((candidate) => candidate !== endpoint);
        // The real service only deletes undeployed endpoints, so a deleted endpoint is never served.
        const live = store.state.liveEndpoints[app.dataAppId];
        if (live !== undefined) {
          store.state.liveEndpoints[app.dataAppId] = live.filter(
            (candidate) => candidate.endpointId !== endpoint.endpointId,
          );
        }
        await store.commit();
        return { status: 200, body: {} };
      },
    },
    {
      method: "POST",
      pattern: `${ENDPOINT}/test`,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const endpoint = findEndpoint(app.dataAppId, params.endpointId ?? "");
        const args = readTestArgs(await readJson());
        const result = await services.dataPlane.runTest({ dataAppId: app.dataAppId, endpoint, args });
        return { status: result.status, body: result.body };
      },
    },
  ];
}
