import type { DeploymentRecord } from "./records.js";
import { isoTime } from "./services.js";
import type { Store } from "./store.js";

/**
 * Moves deployments PENDING -> RUNNING -> SUCCEEDED (or FAILED) in the
 * background, one step every `stepMs`, persisting each transition. Only a
 * SUCCEEDED deployment makes its snapshot the app's live endpoints.
 */
export class DeploymentRunner {
  private readonly timers = new Map<string, { dataAppId: string; timer: NodeJS.Timeout }>();

  constructor(
    private readonly store: Store,
    private readonly stepMs: number,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  start(deployment: DeploymentRecord): void {
    this.schedule(deployment);
  }

  /** Continues deployments that a previous run left PENDING or RUNNING, so none is left hanging. */
  resumeUnfinished(): void {
    for (const deployment of this.store.state.deployments) {
      if (deployment.status === "PENDING" || deployment.status === "RUNNING") this.schedule(deployment);
    }
  }

  cancelApp(dataAppId: string): void {
    for (const [deploymentId, entry] of this.timers) {
      if (entry.dataAppId === dataAppId) {
        clearTimeout(entry.timer);
        this.timers.delete(deploymentId);
      }
    }
  }

  close(): void {
    for (const entry of this.timers.values()) clearTimeout(entry.timer);
    this.timers.clear();
  }

  private schedule(deployment: DeploymentRecord): void {
    const timer = setTimeout(() => {
      this.timers.delete(deployment.deploymentId);
      this.step(deployment);
    }, this.stepMs);
    this.timers.set(deployment.deploymentId, { dataAppId: deployment.dataAppId, timer });
  }

  private step(deployment: DeploymentRecord): void {
    if (!this.store.state.deployments.includes(deployment)) return;
    if (deployment.status === "PENDING") {
      deployment.status = "RUNNING";
      this.persist(deployment);
      this.schedule(deployment);
      return;
    }
    if (deployment.status !== "RUNNING") return;
    const problem = this.findProblem(deployment);
    deployment.finishTime = isoTime(this.now());
    if (problem === undefined) {
      deployment.status = "SUCCEEDED";
      // An endpoint deleted since the snapshot was taken stays deleted: deletion is never undone by a deploy.
      const existing = new Set(
        this.store.listDraftEndpoints(deployment.dataAppId).map((endpoint) => endpoint.endpointId),
      );
      this.store.state.liveEndpoints[deployment.dataAppId] = deployment.snapshot
        .filter((endpoint) => existing.has(endpoint.endpointId))
        .map((endpoint) => structuredClone(endpoint));
    } else {
      deployment.status = "FAILED";
      deployment.statusErrorMessage = problem;
    }
    this.persist(deployment);
  }

  private findProblem(deployment: DeploymentRecord): string | undefined {
    const linked = this.store.listLinkedClusterIds(deployment.dataAppId);
    const broken = deployment.snapshot.filter((endpoint) => !linked.includes(endpoint.clusterId));
    if (broken.length === 0) return undefined;
    return broken
      .map(
        (endpoint) =>
          `Endpoint ${endpoint.method} ${endpoint.path} (${endpoint.endpointId}) uses cluster ${endpoint.clusterId}, which is not linked to the Data App. Link the cluster again or move the endpoint to a linked cluster, then deploy again.`,
      )
      .join(" ");
  }

  private persist(deployment: DeploymentRecord): void {
    this.store.commit().catch((error: unknown) => {
      this.log(
        `could not persist deployment ${deployment.deploymentId} (${deployment.status}): ${String(error)}`,
      );
    });
  }
}
