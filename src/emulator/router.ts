import type { IncomingMessage } from "node:http";
import { decodePathSegment } from "./http-io.js";

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  /** Path parameters by the names in the route pattern, decoded. */
  params: Record<string, string>;
  /** The parsed JSON body; undefined when the body is empty. */
  readJson(): Promise<unknown>;
}

export type HandlerResult =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string; headers?: Record<string, string> };

export type Handler = (context: RequestContext) => Promise<HandlerResult>;

export interface Route {
  method: string;
  /** e.g. `/v1beta1/dataApps/{dataAppId}`; `{name}` matches one segment. */
  pattern: string;
  handler: Handler;
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method_not_allowed"; pattern: string; allowed: string[] }
  | { kind: "not_found" };

function matchPattern(pattern: string, pathname: string): Record<string, string> | undefined {
  const patternSegments = pattern.split("/");
  const pathSegments = pathname.split("/");
  if (patternSegments.length !== pathSegments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < patternSegments.length; index++) {
    const expected = patternSegments[index] ?? "";
    const actual = pathSegments[index] ?? "";
    if (expected.startsWith("{") && expected.endsWith("}")) {
      if (actual === "") return undefined;
      const decoded = decodePathSegment(actual);
      if (decoded === undefined) return undefined;
      params[expected.slice(1, -1)] = decoded;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  let pattern = "";
  for (const route of routes) {
    const params = matchPattern(route.pattern, pathname);
    if (params === undefined) continue;
    if (route.method === method) return { kind: "found", route, params };
    allowed.push(route.method);
    pattern = route.pattern;
  }
  return allowed.length > 0 ? { kind: "method_not_allowed", pattern, allowed } : { kind: "not_found" };
}
