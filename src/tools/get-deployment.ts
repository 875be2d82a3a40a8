import { z } from "zod";
import { defineTool, READ_ONLY } from "../mcp/tool-definition.js";
import { renderJson } from "./render.js";
import { anyObject, dataAppIdInput } from "./shared-schemas.js";

export const getDeploymentTool = defineTool({
  name: "get_deployment",
  title: "Get deployment",
  description: "Get one deployment's status and deployed endpoints.",
  group: "deployments",
  input: { dataAppId: dataAppIdInput, deploymentId: z.string() },
  output: { deployment: anyObject },
  annotations: READ_ONLY,
  async run({ dataAppId, deploymentId }, { api, signal }) {
    const deployment = await api.getDeployment(dataAppId, deploymentId, { signal });
    return { structured: { deployment }, text: renderJson(deployment) };
  },
});
