import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiKeyRecord, DataAppRecord, EndpointRecord } from "./records.js";

export interface ClusterConfig {
  id: string;
  mysqlUrl?: string;
  name?: string;
}

/** What the data plane may read of the emulator's state. Records are live objects: do not mutate them. */
export interface EmulatorStoreView {
  getApp(dataAppId: string): DataAppRecord | undefined;
  /** The app's current (draft) endpoints, in creation order. */
  listDraftEndpoints(dataAppId: string): EndpointRecord[];
  /** The endpoints of the app's last SUCCEEDED deployment, as snapshotted then; empty before any. */
  listLiveEndpoints(dataAppId: string): EndpointRecord[];
  /** The clusters linked to the app (its data sources). */
  listLinkedClusterIds(dataAppId: string): string[];
  /** A Data App API key, including its full private key, its app, role, rate limit and expiry. */
  findApiKeyByPublicKey(publicKey: string): ApiKeyRecord | undefined;
}

export interface DataPlaneContext {
  store: EmulatorStoreView;
  clusters: ClusterConfig[];
  seedSample: boolean;
  log: (line: string) => void;
}

export interface DataPlaneTestInput {
  dataAppId: string;
  endpoint: EndpointRecord;
  /** The test call's arguments, every value a string. */
  args: Record<string, string>;
}

export interface DataPlane {
  /** Serves every request under /api/v1beta/. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Runs the draft of an endpoint for the management test call; returns the HTTP status and the official test response body. */
  runTest(input: DataPlaneTestInput): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export type DataPlaneFactory = (context: DataPlaneContext) => DataPlane | Promise<DataPlane>;
