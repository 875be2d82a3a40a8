import { notFound } from "./api-error.js";
import type { DataAppRecord } from "./records.js";
import type { Store } from "./store.js";

export function requireApp(store: Store, dataAppId: string): DataAppRecord {
  const app = store.getApp(dataAppId);
  if (app === undefined) {
    throw notFound("Data App", dataAppId, "List Data Apps with GET /v1beta1/dataApps to find its id.");
  }
  return app;
}
