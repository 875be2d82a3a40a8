import type { DataPlane, DataPlaneContext, DataPlaneFactory, DataPlaneTestInput } from "../data-plane.js";
import { seedSampleDataset } from "../sample/seed-sample.js";
import { ClusterDatabases, describeMysqlUrl } from "./cluster-databases.js";
import { testCallBody } from "./envelope.js";
import { DataApiKeyAuth } from "./key-auth.js";
import { createDataApiHandler } from "./request-handler.js";
import { ResponseCache } from "./response-cache.js";
import { pathParamNames } from "./route-endpoint.js";
import { runEndpoint } from "./run-endpoint.js";

export interface DataPlaneOptions {
  /** Lifetime of Digest nonces, default 300000 ms. */
  nonceTtlMs?: number;
  now?: () => number;
}

async function seedClusters(context: DataPlaneContext): Promise<void> {
  for (const cluster of context.clusters) {
    if (cluster.mysqlUrl === undefined) continue;
    const result = await seedSampleDataset(cluster.mysqlUrl);
    context.log(
      result.loaded
        ? `sample dataset loaded into ${result.database} on ${describeMysqlUrl(cluster.mysqlUrl)} (${result.rows} rows)`
        : `sample dataset already present in ${result.database} on ${describeMysqlUrl(cluster.mysqlUrl)}`,
    );
  }
  if (context.clusters.every((cluster) => cluster.mysqlUrl === undefined)) {
    context.log(
      "--seed-sample ignored: no cluster has a database. Attach one with --mysql-url mysql://user@host:3306/db or --cluster ID=mysql://...",
    );
  }
}

/** The emulator's data plane: the data API and the management test call, run on each cluster's MySQL-compatible database. */
export function dataPlaneFactory(options: DataPlaneOptions = {}): DataPlaneFactory {
  return async (context) => {
    if (context.seedSample) await seedClusters(context);
    const databases = new ClusterDatabases(context.clusters);
    const auth = new DataApiKeyAuth(context.store, options.nonceTtlMs);
    const handle = createDataApiHandler({
      store: context.store,
      databases,
      cache: new ResponseCache(options.now),
      authenticate: (req) => auth.authenticate(req),
      challenges: (stale) => auth.challenges(stale),
      now: options.now,
    });
    const plane: DataPlane = {
      handle,
      runTest: async (input: DataPlaneTestInput) => {
        const outcome = await runEndpoint(
          {
            endpoint: input.endpoint,
            items: [new Map(Object.entries(input.args))],
            batch: input.endpoint.batchOperation,
            pathParamNames: pathParamNames(input.endpoint),
            readOnly: false,
          },
          databases,
        );
        return { status: outcome.status, body: testCallBody(outcome) };
      },
      close: () => databases.close(),
    };
    return plane;
  };
}

export const createDataPlane: DataPlaneFactory = dataPlaneFactory();
