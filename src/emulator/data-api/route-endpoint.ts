import { decodePathSegment } from "../http-io.js";
import type { EndpointRecord } from "../records.js";

export type RouteResult =
  | { kind: "found"; endpoint: EndpointRecord; pathParams: Map<string, string> }
  | { kind: "not-found" }
  | { kind: "method-not-allowed" };

const PARAM_SEGMENT = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

function segments(path: string): string[] {
  return path.split("/").slice(1);
}

/** The names of the endpoint's `{name}` path segments. */
export function pathParamNames(endpoint: EndpointRecord): Set<string> {
  const names = new Set<string>();
  for (const segment of segments(endpoint.path)) {
    const match = PARAM_SEGMENT.exec(segment);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return names;
}

/** Path parameters of a match, or undefined when the path does not fit the pattern. */
function matchPath(pattern: string, requested: string[]): Map<string, string> | undefined {
  const parts = segments(pattern);
  if (parts.length !== requested.length) return undefined;
  const params = new Map<string, string>();
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] ?? "";
    const value = requested[index] ?? "";
    const param = PARAM_SEGMENT.exec(part);
    if (param !== null) {
      if (value === "") return undefined;
      params.set(param[1] ?? "", value);
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}

/** Negative when `left` is more specific: the first segment where they differ is literal in `left`. */
function compareSpecificity(left: EndpointRecord, right: EndpointRecord): number {
  const a = segments(left.path);
  const b = segments(right.path);
  for (let index = 0; index < a.length; index++) {
    const aParam = PARAM_SEGMENT.test(a[index] ?? "");
    const bParam = PARAM_SEGMENT.test(b[index] ?? "");
    if (aParam !== bParam) return aParam ? 1 : -1;
  }
  return 0;
}

/**
 * Finds the endpoint for a method and a request path (after `/endpoint`).
 * A literal segment wins over a `{param}` segment; a path served only under
 * other methods is 405, an unknown path 404.
 */
export function routeEndpoint(
  endpoints: readonly EndpointRecord[],
  method: string,
  rawPath: string,
): RouteResult {
  const decoded = segments(rawPath).map(decodePathSegment);
  if (decoded.some((segment) => segment === undefined)) return { kind: "not-found" };
  const requested = decoded as string[];
  const matches = endpoints
    .map((endpoint) => ({ endpoint, params: matchPath(endpoint.path, requested) }))
    .filter((candidate) => candidate.params !== undefined);
  if (matches.length === 0) return { kind: "not-found" };
  const sameMethod = matches.filter((candidate) => candidate.endpoint.method === method.toUpperCase());
  if (sameMethod.length === 0) return { kind: "method-not-allowed" };
  sameMethod.sort((left, right) => compareSpecificity(left.endpoint, right.endpoint));
  const best = sameMethod[0]!;
  return { kind: "found", endpoint: best.endpoint, pathParams: best.params ?? new Map() };
}
