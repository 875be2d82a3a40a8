import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import type { DataServiceApi } from "../client/api.js";
import { collectAllPages } from "../client/collect-pages.js";
import type { ApiSpecFormat, DataApp } from "../client/model.js";
import { describeToolFailure } from "../mcp/error-mapping.js";

export const RESOURCE_SCHEME = "tidb-dataservice";
export const DATA_APPS_URI = `${RESOURCE_SCHEME}://data-apps`;

export interface ResourceOptions {
  api: DataServiceApi;
  /** When scoped, only this Data App is listed and readable. */
  dataAppId?: string;
}

/** Registers the apps list, one app with its parts, and the app's generated OpenAPI spec. */
export function registerDataAppResources(server: McpServer, options: ResourceOptions): void {
  const { api } = options;

  async function visibleApps(): Promise<DataApp[]> {
    if (options.dataAppId) return [await api.getDataApp(options.dataAppId)];
    return collectAllPages((pageToken) => api.listDataApps({ pageToken }), 20);
  }

  /** Resource reads have no isError: failures become protocol errors with the same actionable text. */
  async function guarded<T>(read: () => Promise<T>, args: Record<string, unknown> = {}): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw new Error(
        describeToolFailure(error, { toolName: "resources/read", args, scopedDataAppId: options.dataAppId }),
      );
    }
  }

  function checkScope(dataAppId: string): void {
    if (options.dataAppId && dataAppId !== options.dataAppId) {
      throw new Error(
        `This server is scoped to Data App ${options.dataAppId}; ${dataAppId} is not available.`,
      );
    }
  }

  async function completeDataAppId(prefix: string): Promise<string[]> {
    try {
      const apps = await visibleApps();
      return apps.map((app) => app.dataAppId).filter((id) => id.startsWith(prefix));
    } catch {
      return [];
    }
  }

  server.registerResource(
    "data-apps",
    DATA_APPS_URI,
    { title: "Data Apps", description: "The project's Data Apps.", mimeType: "application/json" },
    async (uri) =>
      json(
        uri.href,
        await guarded(() => visibleApps(), options.dataAppId ? { dataAppId: options.dataAppId } : {}),
      ),
  );

  server.registerResource(
    "data-app",
    new ResourceTemplate(`${DATA_APPS_URI}/{dataAppId}`, {
      list: async () => {
        const apps = await visibleApps().catch(() => []);
        return {
          resources: apps.map((app) => ({
            uri: `${DATA_APPS_URI}/${app.dataAppId}`,
            name: app.displayName,
            mimeType: "application/json",
          })),
        };
      },
      complete: { dataAppId: completeDataAppId },
    }),
    {
      title: "Data App",
      description: "One Data App with its data sources, endpoints and latest deployment.",
      mimeType: "application/json",
    },
    async (uri, variables) => {
      const dataAppId = String(variables.dataAppId);
      checkScope(dataAppId);
      const view = await guarded(
        async () => {
          const [dataApp, dataSources, endpoints, deployments] = await Promise.all([
            api.getDataApp(dataAppId),
            api.listDataSources(dataAppId),
            api.listEndpoints(dataAppId, { pageSize: 100 }),
            api.listDeployments(dataAppId, { pageSize: 100 }),
          ]);
          const latestDeployment = [...deployments.items].sort((a, b) =>
            (b.createTime ?? "").localeCompare(a.createTime ?? ""),
          )[0];
          return {
            dataApp,
            dataSources,
            endpoints: endpoints.items,
            latestDeployment: latestDeployment ?? null,
          };
        },
        { dataAppId },
      );
      return json(uri.href, view);
    },
  );

  for (const format of ["json", "yaml"] as const satisfies readonly ApiSpecFormat[]) {
    server.registerResource(
      `openapi-${format}`,
      new ResourceTemplate(`${DATA_APPS_URI}/{dataAppId}/openapi.${format}`, {
        list: undefined,
        complete: { dataAppId: completeDataAppId },
      }),
      {
        title: `OpenAPI spec (${format.toUpperCase()})`,
        description: "The OpenAPI 3 spec generated for a Data App's deployed endpoints.",
        mimeType: format === "json" ? "application/json" : "application/yaml",
      },
      async (uri, variables) => {
        const dataAppId = String(variables.dataAppId);
        checkScope(dataAppId);
        const spec = await guarded(() => api.getApiSpec(dataAppId, format), { dataAppId });
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: format === "json" ? "application/json" : "application/yaml",
              text: spec.content,
            },
          ],
        };
      },
    );
  }
}

function json(uri: string, value: unknown): ReadResourceResult {
  return { contents: [{ uri, mimeType: "application/json", text: JSON.stringify(value, null, 2) }] };
}
