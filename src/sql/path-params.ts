import { VALID_PARAM_NAME } from "./template-scanner.js";

export interface PathParams {
  names: string[];
  problems: { segment: string; reason: string; fix: string }[];
}

const WHOLE_SEGMENT = /^\{([^{}]*)\}$/;

/** The `{name}` segments of an endpoint path, and the segments that misuse braces. */
export function parsePathParams(path: string): PathParams {
  const names: string[] = [];
  const problems: PathParams["problems"] = [];
  for (const segment of path.split("/")) {
    if (!segment.includes("{") && !segment.includes("}")) continue;
    const whole = WHOLE_SEGMENT.exec(segment);
    if (!whole) {
      const inner = /\{([^{}]*)\}/.exec(segment)?.[1] ?? "name";
      problems.push({
        segment,
        reason: "a path parameter must fill a whole segment between slashes",
        fix: `Use /${segment.replace(/\{[^{}]*\}/, "").replace(/[{}]/g, "") || "items"}/{${inner}} instead of /${segment}.`,
      });
      continue;
    }
    const name = whole[1]!;
    if (!VALID_PARAM_NAME.test(name)) {
      problems.push({
        segment,
        reason: "a path parameter name uses only letters, digits and _, and starts with a letter or _",
        fix: `Rename it, e.g. {${name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^([0-9])/, "_$1") || "id"}}.`,
      });
      continue;
    }
    if (names.includes(name)) {
      problems.push({
        segment,
        reason: `{${name}} appears twice in the path`,
        fix: "Give each path parameter its own name.",
      });
      continue;
    }
    names.push(name);
  }
  return { names, problems };
}
