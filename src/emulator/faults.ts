import { invalidArgument } from "./api-error.js";

const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export interface Fault {
  remaining: number;
  status?: FaultStatus;
  latencyMs?: number;
  reset?: boolean;
  /** Run the operation, then drop the connection: the change is made but its response is lost. */
  resetAfter?: boolean;
  method?: string;
  pathPrefix?: string;
}

/** What to do to a request that matched a fault. */
export type FaultAction =
  | { kind: "reset" }
  | { kind: "reset_after"; latencyMs: number }
  | { kind: "status"; status: FaultStatus; latencyMs: number }
  | { kind: "delay"; latencyMs: number };

/** Faults queued through `POST /_emulator/faults`, consumed by matching /v1beta1 requests in order. */
export class FaultInjector {
  private faults: Fault[] = [];

  add(input: unknown): Fault {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      throw invalidArgument('The fault must be a JSON object like {"count": 1, "status": 503}.');
    }
    const body = input as Record<string, unknown>;
    const { count, status, latencyMs, reset, resetAfter, match } = body;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1) {
      throw invalidArgument(
        "count must be a positive integer: how many matching requests the fault applies to.",
      );
    }
    if (status !== undefined && !FAULT_STATUSES.includes(status as FaultStatus)) {
      throw invalidArgument(`status must be one of ${FAULT_STATUSES.join(", ")}.`);
    }
    if (latencyMs !== undefined && (typeof latencyMs !== "number" || latencyMs < 0 || latencyMs > 600_000)) {
      throw invalidArgument("latencyMs must be a number of milliseconds from 0 to 600000.");
    }
    if (reset !== undefined && typeof reset !== "boolean") throw invalidArgument("reset must be a boolean.");
    if (resetAfter !== undefined && typeof resetAfter !== "boolean")
      throw invalidArgument("resetAfter must be a boolean.");
    if ([reset, resetAfter, status !== undefined].filter((chosen) => chosen === true).length > 1) {
      throw invalidArgument(
        "Give only one of status, reset: true (before the operation) or resetAfter: true (after it).",
      );
    }
    if (status === undefined && latencyMs === undefined && reset !== true && resetAfter !== true) {
      throw invalidArgument("Give at least one of status, latencyMs, reset: true or resetAfter: true.");
    }
    const fault: Fault = { remaining: count };
    if (status !== undefined) fault.status = status as FaultStatus;
    if (latencyMs !== undefined) fault.latencyMs = latencyMs as number;
    if (reset === true) fault.reset = true;
    if (resetAfter === true) fault.resetAfter = true;
    if (match !== undefined) {
      if (typeof match !== "object" || match === null || Array.isArray(match)) {
        throw invalidArgument("match must be an object with optional method and pathPrefix.");
      }
      const { method, pathPrefix } = match as Record<string, unknown>;
      if (method !== undefined && typeof method !== "string")
        throw invalidArgument("match.method must be a string.");
      if (pathPrefix !== undefined && typeof pathPrefix !== "string") {
        throw invalidArgument("match.pathPrefix must be a string such as /v1beta1/dataApps.");
      }
      if (method !== undefined) fault.method = method.toUpperCase();
      if (pathPrefix !== undefined) fault.pathPrefix = pathPrefix;
    }
    this.faults.push(fault);
    return { ...fault };
  }

  clear(): void {
    this.faults = [];
  }

  pending(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Consumes one use of the first fault matching the request, if any. */
  take(method: string, path: string): FaultAction | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method === method) &&
        (fault.pathPrefix === undefined || path.startsWith(fault.pathPrefix)),
    );
    const fault = this.faults[index];
    if (fault === undefined) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    if (fault.reset === true) return { kind: "reset" };
    if (fault.resetAfter === true) return { kind: "reset_after", latencyMs: fault.latencyMs ?? 0 };
    if (fault.status !== undefined)
      return { kind: "status", status: fault.status, latencyMs: fault.latencyMs ?? 0 };
    return { kind: "delay", latencyMs: fault.latencyMs ?? 0 };
  }
}
