import { notFound } from "./api-error.js";
import { requireApp } from "./app-lookup.js";
import { optionalString, requireObject } from "./input-fields.js";
import { listBody } from "./page-token.js";
import type { DeploymentRecord } from "./records.js";
import type { Route } from "./router.js";
import { isoTime, type Services } from "./services.js";
import { deploymentView } from "./views.js";

const DEPLOYMENTS = "/v1beta1/dataApps/{dataAppId}/deployments";
const DEPLOYMENT = "/v1beta1/dataApps/{dataAppId}/deployments/{deploymentId}";

export function deploymentRoutes(services: Services): Route[] {
  const { store } = services;
  return [
    {
      method: "GET",
      pattern: DEPLOYMENTS,
      handler: async ({ params, url }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const deployments = store.state.deployments.filter(
          (deployment) => deployment.dataAppId === app.dataAppId,
        );
        const page = services.pageTokens.paginate(
          `deployments:${app.dataAppId}`,
          deployments,
          url.searchParams,
        );
        return { status: 200, body: listBody("deployments", page, deploymentView) };
      },
    },
    {
      method: "POST",
      pattern: DEPLOYMENTS,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const input = await readJson();
        const description =
          input === undefined
            ? ""
            : (optionalString(requireObject(input, "The request body"), "description", { max: 1000 }) ?? "");
        const deployment: DeploymentRecord = {
          seq: store.nextSeq(),
          deploymentId: String(store.state.nextDeploymentId++),
          dataAppId: app.dataAppId,
          description,
          status: "PENDING",
          statusErrorMessage: "",
          createTime: isoTime(services.now()),
          snapshot: store.listDraftEndpoints(app.dataAppId).map((endpoint) => structuredClone(endpoint)),
        };
        store.state.deployments.push(deployment);
        await store.commit();
        services.deployments.start(deployment);
        return { status: 200, body: deploymentView(deployment) };
      },
    },
    {
      method: "GET",
      pattern: DEPLOYMENT,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const deployment = store.state.deployments.find(
          (candidate) =>
            candidate.dataAppId === app.dataAppId && candidate.deploymentId === params.deploymentId,
        );
        if (deployment === undefined) {
          throw notFound(
            "Deployment",
            params.deploymentId ?? "",
            `List the deployments of ${app.dataAppId} with GET .../deployments to find its id.`,
          );
        }
        return { status: 200, body: deploymentView(deployment) };
      },
    },
  ];
}
