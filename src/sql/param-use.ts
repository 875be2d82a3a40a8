import type { ArrayItemType } from "../client/model.js";

/**
 * How one `${name}` occurrence is used, as far as the SQL tells. The kinds map
 * onto inferred types (see type-inference.ts) and onto the declared types they
 * conflict with (see param-rules.ts).
 */
export type UseKind =
  | "limit"
  | "interval"
  | "in-list"
  | "compare-integer"
  | "compare-number"
  | "compare-boolean"
  | "compare-string"
  | "text-match"
  | "arithmetic"
  | "integer-argument"
  | "condition"
  | "order-by"
  | "group-by"
  | "select-list"
  | "value";

export interface ParamUse {
  /** Index of the placeholder (see template-scanner.ts). */
  placeholder: number;
  kind: UseKind;
  /** For `in-list`: the item type when the other side of IN tells it. */
  itemType?: ArrayItemType;
  /** Short description of the context, quoted in messages, e.g. `LIMIT` or `LIKE`. */
  context: string;
}

/** The kind of a literal a parameter is compared with. */
export type LiteralKind = "integer" | "number" | "boolean" | "string";

export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set([
  "=",
  "!=",
  "<>",
  "<",
  ">",
  "<=",
  ">=",
  "<=>",
]);

/** The use of a parameter compared by `operator` with a literal, when the literal's kind is known. */
export function comparisonUse(
  literal: LiteralKind | undefined,
  operator: string,
): Omit<ParamUse, "placeholder"> | undefined {
  switch (literal) {
    case "integer":
      return { kind: "compare-integer", context: `comparison with an integer (${operator})` };
    case "number":
      return { kind: "compare-number", context: `comparison with a decimal number (${operator})` };
    case "boolean":
      return { kind: "compare-boolean", context: `comparison with TRUE/FALSE (${operator})` };
    case "string":
      return { kind: "compare-string", context: `comparison with a string (${operator})` };
    default:
      return undefined;
  }
}
