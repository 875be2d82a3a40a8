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
