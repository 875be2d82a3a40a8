import type { ClusterConfig } from "./data-plane.js";
import { maskSecret } from "./ids.js";
import type {
  ApiKeyRecord,
  DataAppRecord,
  DataSourceRecord,
  DeploymentRecord,
  EndpointRecord,
} from "./records.js";
import type { Store } from "./store.js";

// Records as the management API shows them: the spec's fields plus the
// official API's extras (name, status, type, ...).

const EMULATOR_REGION = "local";

export function dataAppView(store: Store, app: DataAppRecord) {
  return {
    dataAppId: app.dataAppId,
    name: `dataApps/${app.dataAppId}`,
    displayName: app.displayName,
    description: app.description,
    region: EMULATOR_REGION,
    appType: "DATAAPP",
    version: "1.0.0",
    clusterIds: store.listLinkedClusterIds(app.dataAppId),
    createTime: app.createTime,
    updateTime: app.updateTime,
  };
}

export function dataSourceView(source: DataSourceRecord, clusters: ClusterConfig[]) {
  const cluster = clusters.find((candidate) => candidate.id === source.clusterId);
  return {
    name: `dataApps/${source.dataAppId}/dataSources/${source.clusterId}`,
    clusterId: source.clusterId,
    clusterName: cluster?.name ?? `Cluster${source.clusterId.slice(-4)}`,
    clusterType: "SERVERLESS",
    clusterProvider: "LOCAL",
    clusterRegion: EMULATOR_REGION,
    createTime: source.createTime,
  };
}

function isDeployed(store: Store, endpoint: EndpointRecord): boolean {
  return store
    .listLiveEndpoints(endpoint.dataAppId)
    .some((live) => live.endpointId === endpoint.endpointId && live.revision === endpoint.revision);
}

export function endpointView(store: Store, endpoint: EndpointRecord) {
  return {
    name: `dataApps/${endpoint.dataAppId}/endpoints/${endpoint.endpointId}`,
    endpointId: endpoint.endpointId,
    dataAppId: endpoint.dataAppId,
    displayName: endpoint.displayName,
    description: endpoint.description,
    path: endpoint.path,
    method: endpoint.method,
    clusterId: endpoint.clusterId,
    sqlTemplate: endpoint.sqlTemplate,
    tag: endpoint.tag,
    settings: { ...endpoint.settings },
    params: endpoint.params.map((param) => ({ ...param })),
    batchOperation: endpoint.batchOperation,
    status: isDeployed(store, endpoint) ? "deployed" : "draft",
    type: "sql_endpoint",
    returnType: "json",
    createTime: endpoint.createTime,
    updateTime: endpoint.updateTime,
  };
}

export function expireState(key: ApiKeyRecord, now: number) {
  if (key.expireTime === undefined) return "EXPIRE_STATE_NEVER_EXPIRE";
  return Date.parse(key.expireTime) <= now ? "EXPIRE_STATE_EXPIRED" : "EXPIRE_STATE_NOT_EXPIRE";
}

/** `revealPrivateKey` only for the create call: afterwards the key is masked. */
export function apiKeyView(key: ApiKeyRecord, revealPrivateKey: boolean, now: number) {
  return {
    apiKeyId: key.apiKeyId,
    name: `dataApps/${key.dataAppId}/apiKeys/${key.apiKeyId}`,
    dataAppId: key.dataAppId,
    publicKey: key.publicKey,
    privateKey: revealPrivateKey ? key.privateKey : maskSecret(key.privateKey),
    description: key.description,
    role: key.role,
    rateLimitRpm: key.rateLimitRpm,
    expireState: expireState(key, now),
    ...(key.expireTime === undefined ? {} : { expireTime: key.expireTime }),
    apiKeyExpireSetting:
      key.ttlMinutes === undefined
        ? { expireOption: "EXPIRE_OPTION_NEVER_EXPIRE" }
        : { expireOption: "EXPIRE_OPTION_SET_TTL", apiKeyTtl: key.ttlMinutes },
    createTime: key.createTime,
    updateTime: key.updateTime,
  };
}

export function deploymentView(deployment: DeploymentRecord) {
  return {
    deploymentId: deployment.deploymentId,
    name: `dataApps/${deployment.dataAppId}/deployments/${deployment.deploymentId}`,
    dataAppId: deployment.dataAppId,
    description: deployment.description,
    origin: "UI",
    status: deployment.status,
    statusErrorMessage: deployment.statusErrorMessage,
    createTime: deployment.createTime,
    ...(deployment.finishTime === undefined ? {} : { finishTime: deployment.finishTime }),
    endpoints: deployment.snapshot.map((endpoint) => ({
      endpointId: endpoint.endpointId,
      method: endpoint.method,
      path: endpoint.path,
    })),
  };
}
