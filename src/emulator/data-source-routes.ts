import { alreadyExists, invalidArgument, notFound } from "./api-error.js";
import { requireApp, requireKnownCluster } from "./app-lookup.js";
import { requiredString, requireObject } from "./input-fields.js";
import type { Route } from "./router.js";
import { isoTime, type Services } from "./services.js";
import { dataSourceView } from "./views.js";

const SOURCES = "/v1beta1/dataApps/{dataAppId}/dataSources";
const SOURCE = "/v1beta1/dataApps/{dataAppId}/dataSources/{clusterId}";

export function dataSourceRoutes(services: Services): Route[] {
  const { store } = services;
  const findSource = (dataAppId: string, clusterId: string) => {
    const source = store.state.dataSources.find(
      (candidate) => candidate.dataAppId === dataAppId && candidate.clusterId === clusterId,
    );
    if (source === undefined) {
      throw notFound(
        "Data source",
        clusterId,
        `Cluster ${clusterId} is not linked to Data App ${dataAppId}; list the linked clusters with GET .../dataSources.`,
      );
    }
    return source;
  };
  return [
    {
      method: "GET",
      pattern: SOURCES,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const sources = store.state.dataSources.filter((source) => source.dataAppId === app.dataAppId);
        return {
          status: 200,
          body: { dataSources: sources.map((source) => dataSourceView(source, services.clusters)) },
        };
      },
    },
    {
      method: "POST",
      pattern: SOURCES,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const body = requireObject(await readJson(), "The request body");
        if (typeof body.clusterId === "number") {
          throw invalidArgument(
            "clusterId must be a string: cluster ids have 19 digits, more than a JSON number holds exactly. Quote it.",
          );
        }
        const clusterId = requiredString(body, "clusterId");
        requireKnownCluster(services.clusters, clusterId);
        if (store.listLinkedClusterIds(app.dataAppId).includes(clusterId)) {
          throw alreadyExists(
            `Cluster ${clusterId} is already linked to Data App ${app.dataAppId}.`,
            "DATA_SOURCE_ALREADY_EXISTS",
          );
        }
        const source = {
          seq: store.nextSeq(),
          dataAppId: app.dataAppId,
          clusterId,
          createTime: isoTime(services.now()),
        };
        store.state.dataSources.push(source);
        await store.commit();
        return { status: 200, body: dataSourceView(source, services.clusters) };
      },
    },
    {
      method: "GET",
      pattern: SOURCE,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        return {
          status: 200,
          body: dataSourceView(findSource(app.dataAppId, params.clusterId ?? ""), services.clusters),
        };
      },
    },
    {
      method: "DELETE",
      pattern: SOURCE,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const source = findSource(app.dataAppId, params.clusterId ?? "");
        // Endpoints on this cluster stay; the next deployment fails until they move to a linked cluster.
        store.state.dataSources = store.state.dataSources.filter((candidate) => candidate !== source);
        await store.commit();
        return { status: 200, body: {} };
      },
    },
  ];
}
