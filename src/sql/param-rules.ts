// Rules about parameters as a whole: declared against used, types against uses,
// path parameters. Builds the extracted parameter list.
import type { EndpointParam, ParamType } from "../client/model.js";
import { type DiagnosticList, NOWHERE } from "./diagnostic-list.js";
import type { ParamUse, UseKind } from "./param-use.js";
import { RESERVED_PARAM_NAMES, sanitizeParamName } from "./placeholder-rules.js";
import type { Placeholder, ScannedTemplate } from "./template-scanner.js";
import { VALID_PARAM_NAME } from "./template-scanner.js";
import { inferType } from "./type-inference.js";
import type { ExtractedParam, Severity } from "./types.js";

const PATH_TYPES: readonly ParamType[] = ["STRING", "INTEGER"];

interface Conflict {
  severity: Severity;
  why: string;
  suggested: ParamType;
}

/** Whether a declared (non-ARRAY) type fits a use; undefined when it does. */
function conflictOf(kind: UseKind, declared: ParamType): Conflict | undefined {
  switch (kind) {
    case "limit":
    case "interval":
      return declared === "INTEGER"
        ? undefined
        : {
            severity: "error",
            why: "needs a whole number, and any other type makes the SQL invalid",
            suggested: "INTEGER",
          };
    case "integer-argument":
      return declared === "INTEGER" || declared === "NUMBER"
        ? undefined
        : { severity: "warning", why: "takes a whole number", suggested: "INTEGER" };
    case "in-list":
      return {
        severity: "warning",
        why: "always gets exactly one value unless the parameter is an ARRAY",
        suggested: "ARRAY",
      };
    case "text-match":
      return declared === "STRING"
        ? undefined
        : { severity: "warning", why: "matches text", suggested: "STRING" };
    case "compare-boolean":
    case "condition":
      return declared === "STRING"
        ? {
            severity: "warning",
            why: "is a truth value, and MySQL reads the string 'true' as 0 (false)",
            suggested: "BOOLEAN",
          }
        : undefined;
    case "compare-number":
    case "arithmetic":
      return declared === "BOOLEAN"
        ? { severity: "warning", why: "is numeric", suggested: "NUMBER" }
        : undefined;
    default:
      return undefined;
  }
}

function describeType(type: ParamType, itemType?: string): string {
  return type === "ARRAY" ? `ARRAY of ${itemType ?? "STRING"}` : type;
}

export interface ParamRulesInput {
  scanned: ScannedTemplate;
  uses: readonly ParamUse[];
  declared?: readonly EndpointParam[];
  pathNames: readonly string[];
  /** Placeholders the lexical rules already reported as errors. */
  blocked: ReadonlySet<number>;
  diagnostics: DiagnosticList;
}

function checkDeclared(
  declared: readonly EndpointParam[],
  diagnostics: DiagnosticList,
): Map<string, EndpointParam> {
  const byName = new Map<string, EndpointParam>();
  for (const param of declared) {
    if (byName.has(param.name)) {
      diagnostics.add(
        "duplicate-param",
        "error",
        NOWHERE,
        `The parameter "${param.name}" is declared more than once in params.`,
        `Keep one declaration of "${param.name}".`,
      );
      continue;
    }
    byName.set(param.name, param);
    if (!VALID_PARAM_NAME.test(param.name)) {
      diagnostics.add(
        "invalid-param-name",
        "error",
        NOWHERE,
        `The declared parameter name "${param.name}" is invalid: names use only letters, digits and _, and start with a letter or _.`,
        `Rename it to "${sanitizeParamName(param.name)}" in params and in the SQL.`,
      );
    } else if (RESERVED_PARAM_NAMES.has(param.name)) {
      diagnostics.add(
        "reserved-param-name",
        "error",
        NOWHERE,
        `The declared parameter "${param.name}" uses a name reserved for the service's pagination (page, page_size).`,
        `Rename it, e.g. "${param.name === "page" ? "page_number" : "per_page"}", in params and in the SQL.`,
      );
    }
  }
  return byName;
}

export function checkParams(input: ParamRulesInput): ExtractedParam[] {
  const { scanned, uses, declared, pathNames, blocked, diagnostics } = input;
  const declaredByName = declared ? checkDeclared(declared, diagnostics) : new Map<string, EndpointParam>();
  const usesByPlaceholder = new Map<number, ParamUse[]>();
  for (const use of uses) {
    const list = usesByPlaceholder.get(use.placeholder);
    if (list) list.push(use);
    else usesByPlaceholder.set(use.placeholder, [use]);
  }

  const occurrencesByName = new Map<string, Placeholder[]>();
  for (const placeholder of scanned.placeholders) {
    if (placeholder.context !== "code" || !placeholder.validName) continue;
    const list = occurrencesByName.get(placeholder.name);
    if (list) list.push(placeholder);
    else occurrencesByName.set(placeholder.name, [placeholder]);
  }

  const extracted: ExtractedParam[] = [];
  for (const [name, occurrences] of occurrencesByName) {
    const nameUses = occurrences.flatMap((occurrence) => usesByPlaceholder.get(occurrence.index) ?? []);
    const inferred = inferType(nameUses);
    const declaration = declaredByName.get(name);
    const inPath = pathNames.includes(name);
    const raw = `\${${name}}`;
    let type = declaration?.type ?? inferred.type;
    let itemType = declaration ? declaration.itemType : inferred.itemType;
    if (type === "ARRAY" && !itemType) itemType = inferred.itemType ?? "STRING";
    if (type !== "ARRAY") itemType = undefined;

    if (declared && !declaration) {
      const lookalike = declared.find((param) => param.name.toLowerCase() === name.toLowerCase());
      diagnostics.add(
        "param-not-declared",
        "warning",
        occurrences[0]!,
        `${raw} is used in the SQL but not declared in params${lookalike ? ` (names are case-sensitive; "${lookalike.name}" is declared)` : ""}. ` +
          `It will be added as ${describeType(type, itemType)}${inPath ? ", required (path parameter)" : ", optional"}.`,
        lookalike
          ? `Write \${${lookalike.name}} or rename the declared parameter to "${name}".`
          : `Declare it: { "name": "${name}", "type": "${type}"${itemType ? `, "itemType": "${itemType}"` : ""} } with the required flag and default you want.`,
      );
    }

    if (inPath && !declaration && !PATH_TYPES.includes(type)) {
      if (type === "ARRAY") {
        diagnostics.add(
          "path-param-type",
          "error",
          occurrences[0]!,
          `${raw} fills the path segment {${name}} but is used as an ARRAY; path parameters can only be STRING or INTEGER.`,
          `Compare it with one value (col = ${raw}) or move the list to a query parameter.`,
        );
      } else {
        type = "STRING";
      }
    }

    for (const occurrence of occurrences) {
      for (const use of usesByPlaceholder.get(occurrence.index) ?? []) {
        if (type === "ARRAY") {
          if (use.kind === "in-list") continue;
          const origin = declaration
            ? "declared as ARRAY"
            : "an ARRAY because it is used in IN (…) elsewhere";
          diagnostics.add(
            "array-param-outside-in",
            "error",
            occurrence,
            `${raw} is ${origin}, but here it is used in ${use.context}. The service expands an ARRAY into comma-separated values, which is only valid inside IN (…).`,
            `Use it only as col IN (${raw}); for a single value use a separate STRING or INTEGER parameter.`,
          );
          continue;
        }
        if ((use.kind === "order-by" || use.kind === "group-by") && !blocked.has(occurrence.index)) {
          const clause = use.kind === "order-by" ? "ORDER BY" : "GROUP BY";
          diagnostics.add(
            "placeholder-as-identifier",
            "error",
            occurrence,
            `${raw} stands where a ${clause} column goes, so the rows are ${use.kind === "order-by" ? "sorted" : "grouped"} by a constant value. Parameters only stand for values, never for column names.`,
            use.kind === "order-by"
              ? `Choose among known columns: ORDER BY CASE ${raw} WHEN 'name' THEN name WHEN 'created_at' THEN created_at END`
              : "Write the column name literally.",
          );
        } else if (use.kind === "select-list") {
          diagnostics.add(
            "placeholder-in-select-list",
            "info",
            occurrence,
            `${raw} in the select list returns the parameter's value as a constant column; it cannot choose which column to return.`,
            `If you meant to pick a column, list the columns literally; if you want the value echoed, add an alias: ${raw} AS ${name}.`,
          );
        }
        if (!declaration) continue;
        const conflict = conflictOf(use.kind, declaration.type);
        if (!conflict) continue;
        diagnostics.add(
          "param-type-conflict",
          conflict.severity,
          occurrence,
          `${raw} is declared ${declaration.type}, but ${use.context} ${conflict.why}.`,
          `Declare "${name}" as ${conflict.suggested}${conflict.suggested === "ARRAY" ? " (with itemType)" : ""}, or change how the SQL uses it.`,
        );
      }
    }

    extracted.push({
      name,
      type,
      ...(itemType ? { itemType } : {}),
      source: declaration ? "declared" : "inferred",
      inPath,
      occurrences: occurrences.length,
    });
  }

  if (declared) {
    const mentioned = new Set(scanned.placeholders.map((placeholder) => placeholder.name));
    for (const [name, param] of declaredByName) {
      if (pathNames.includes(name) && !PATH_TYPES.includes(param.type)) {
        diagnostics.add(
          "path-param-type",
          "error",
          occurrencesByName.get(name)?.[0] ?? NOWHERE,
          `The path parameter {${name}} is declared ${param.type}; path parameters can only be STRING or INTEGER.`,
          `Declare "${name}" as STRING or INTEGER.`,
        );
      }
      if (mentioned.has(name)) continue;
      diagnostics.add(
        "param-unused",
        "warning",
        NOWHERE,
        `The parameter "${name}" is declared but the SQL never uses \${${name}}.`,
        `Use it in the SQL, e.g. WHERE ${name} = \${${name}}, or remove it from params.`,
      );
    }
  }
  return extracted;
}
