import { invalidArgument } from "./api-error.js";
import { requireApp, requireKnownCluster } from "./app-lookup.js";
import { newDataAppId } from "./ids.js";
import { optionalString, requireObject } from "./input-fields.js";
import { listBody } from "./page-token.js";
import type { Route } from "./router.js";
import { isoTime, type Services } from "./services.js";
import { dataAppView } from "./views.js";

const APPS = "/v1beta1/dataApps";
const APP = "/v1beta1/dataApps/{dataAppId}";

function readDisplayName(body: Record<string, unknown>): string | undefined {
  const displayName = optionalString(body, "displayName", { max: 32 });
  if (displayName !== undefined && displayName.trim() === "") {
    throw invalidArgument("displayName must be 1 to 32 characters long and not blank.");
  }
  return displayName;
}

/** The spec's `clusterId` and the official API's `clusterIds`, both optional: the clusters to link at once. */
function readClusterIds(body: Record<string, unknown>): string[] {
  const ids: string[] = [];
  const single = optionalString(body, "clusterId");
  if (single !== undefined) ids.push(single);
  const many = body.clusterIds;
  if (many !== undefined && many !== null) {
    if (!Array.isArray(many) || many.some((id) => typeof id !== "string")) {
      throw invalidArgument(
        'clusterIds must be an array of cluster id strings, e.g. ["10000000000000000001"].',
      );
    }
    ids.push(...(many as string[]));
  }
  return [...new Set(ids)];
}

export function dataAppRoutes(services: Services): Route[] {
  const { store } = services;
  return [
    {
      method: "GET",
      pattern: APPS,
      handler: async ({ url }) => {
        const page = services.pageTokens.paginate("dataApps", store.state.dataApps, url.searchParams);
        return { status: 200, body: listBody("dataApps", page, (app) => dataAppView(store, app)) };
      },
    },
    {
      method: "POST",
      pattern: APPS,
      handler: async ({ readJson }) => {
        const body = requireObject(await readJson(), "The request body");
        const displayName = readDisplayName(body);
        if (displayName === undefined)
          throw invalidArgument("displayName is required (1 to 32 characters).", "MISSING_FIELD");
        const description = optionalString(body, "description", { max: 1000 }) ?? "";
        const clusterIds = readClusterIds(body);
        for (const clusterId of clusterIds) requireKnownCluster(services.clusters, clusterId);
        const now = isoTime(services.now());
        const app = {
          seq: store.nextSeq(),
          dataAppId: newDataAppId(),
          displayName,
          description,
          createTime: now,
          updateTime: now,
        };
        store.state.dataApps.push(app);
        for (const clusterId of clusterIds) {
          store.state.dataSources.push({
            seq: store.nextSeq(),
            dataAppId: app.dataAppId,
            clusterId,
            createTime: now,
          });
        }
        await store.commit();
        return { status: 200, body: dataAppView(store, app) };
      },
    },
    {
      method: "GET",
      pattern: APP,
      handler: async ({ params }) => ({
        status: 200,
        body: dataAppView(store, requireApp(store, params.dataAppId ?? "")),
      }),
    },
    {
      method: "PATCH",
      pattern: APP,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const body = requireObject(await readJson(), "The request body");
        const displayName = readDisplayName(body);
        const description = optionalString(body, "description", { max: 1000 });
        if (displayName !== undefined) app.displayName = displayName;
        if (description !== undefined) app.description = description;
        app.updateTime = isoTime(services.now());
        await store.commit();
        return { status: 200, body: dataAppView(store, app) };
      },
    },
    {
      method: "DELETE",
      pattern: APP,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const id = app.dataAppId;
        const state = store.state;
        // Deleting an app deletes everything it owns.
        state.dataApps = state.dataApps.filter((candidate) => candidate.dataAppId !== id);
        state.dataSources = state.dataSources.filter((source) => source.dataAppId !== id);
        state.endpoints = state.endpoints.filter((endpoint) => endpoint.dataAppId !== id);
        state.apiKeys = state.apiKeys.filter((key) => key.dataAppId !== id);
        state.deployments = state.deployments.filter((deployment) => deployment.dataAppId !== id);
        delete state.liveEndpoints[id];
        services.deployments.cancelApp(id);
        await store.commit();
        return { status: 200, body: {} };
      },
    },
  ];
}
