import { notFound } from "./api-error.js";
import type { ClusterConfig } from "./data-plane.js";
import type { DataAppRecord } from "./records.js";
import type { Store } from "./store.js";

export function requireApp(store: Store, dataAppId: string): DataAppRecord {
  const app = store.getApp(dataAppId);
  if (app === undefined) {
    throw notFound("Data App", dataAppId, "List Data Apps with GET /v1beta1/dataApps to find its id.");
  }
  return app;
}

/** Refuses a cluster id that is not one of this emulator's clusters. */
export function requireKnownCluster(clusters: readonly ClusterConfig[], clusterId: string): void {
  if (!clusters.some((cluster) => cluster.id === clusterId)) {
    throw notFound(
      "Cluster",
      clusterId,
      `This emulator knows the clusters ${clusters.map((cluster) => cluster.id).join(", ")}; start it with --cluster ID to add one.`,
    );
  }
}
