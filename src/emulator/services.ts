import type { ClusterConfig, DataPlane } from "./data-plane.js";
import type { DeploymentRunner } from "./deployment-runner.js";
import type { PageTokens } from "./page-token.js";
import type { Store } from "./store.js";

/** What the management route handlers share. */
export interface Services {
  store: Store;
  clusters: ClusterConfig[];
  pageTokens: PageTokens;
  deployments: DeploymentRunner;
  dataPlane: DataPlane;
  /** e.g. http://127.0.0.1:PORT/api/v1beta */
  dataApiUrl(): string;
  now(): number;
}

/** ISO 8601 without milliseconds, as the real service writes timestamps. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
