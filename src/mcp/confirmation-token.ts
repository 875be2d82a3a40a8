import { createHash } from "node:crypto";

/**
 * A token derived from the target's current state (and its dependents). The
 * server keeps no memory: the second call recomputes it and deletes only on a match,
 * so a plan approved for one state can never delete a different one.
 */
export function computeConfirmationToken(action: string, state: unknown): string {
  const digest = createHash("sha256")
    .update(action)
    .update("\0")
    .update(canonicalJson(state))
    .digest("base64url");
  return `confirm-${digest.slice(0, 20)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
