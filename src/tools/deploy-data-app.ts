import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Deployment } from "../client/model.js";
import { defineTool, ToolFailure } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

const FINAL_STATUSES = new Set<Deployment["status"]>(["SUCCEEDED", "FAILED"]);
const FINAL_PROGRESS_PAUSE_MS = 25;

export const deployDataAppTool = defineTool({
  name: "deploy_data_app",
  title: "Deploy Data App",
  description: "Publish all endpoint drafts of a Data App and wait until the deployment finishes.",
  group: "deployments",
  input: { dataAppId: dataAppIdInput, description: z.string().optional() },
  output: { deployment: anyObject, finished: z.boolean() },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run({ dataAppId, description }, context) {
    const { api, signal } = context;
    let deployment = await api.createDeployment(dataAppId, description, { signal });
    let step = 0;
    await context.reportProgress(
      step,
      undefined,
      `Deployment ${deployment.deploymentId}: ${deployment.status}`,
    );
    const deadline = Date.now() + context.deployTimeoutMs;
    while (!FINAL_STATUSES.has(deployment.status) && Date.now() < deadline) {
      await sleep(context.deployPollIntervalMs, undefined, { signal });
      deployment = await api.getDeployment(dataAppId, deployment.deploymentId, { signal });
      step++;
      await context.reportProgress(
        step,
        undefined,
        `Deployment ${deployment.deploymentId}: ${deployment.status}`,
      );
    }
    // The SDK client handles notifications a microtask later than responses: without a
    // pause, the final progress notification arrives after its request was settled and is dropped.
    await sleep(FINAL_PROGRESS_PAUSE_MS);
    if (deployment.status === "FAILED") {
      throw new ToolFailure(
        `Deployment ${deployment.deploymentId} failed: ${deployment.statusErrorMessage ?? "no reason given"}. Fix the endpoints it names (get_endpoint, update_endpoint), then deploy again.`,
      );
    }
    const finished = deployment.status === "SUCCEEDED";
    const outcome = finished
      ? `Deployed: ${deployment.endpoints?.length ?? 0} endpoint(s) are live; call_endpoint calls them.`
      : `Still ${deployment.status} after ${Math.round(context.deployTimeoutMs / 1000)} s; check later with get_deployment ${deployment.deploymentId}.`;
    return { structured: { deployment, finished }, text: `${outcome}\n${renderJson(deployment)}` };
  },
});
