import type { ArrayItemType, ParamType } from "../client/model.js";
import type { ParamUse, UseKind } from "./param-use.js";

export interface InferredType {
  type: ParamType;
  itemType?: ArrayItemType;
}

/**
 * What each use says about the type, and how strongly: the strongest use of a
 * name wins. A LIMIT needs an INTEGER even when the same name is also compared
 * with a decimal, while a mere comparison with an integer yields to a decimal.
 */
const EVIDENCE: Record<UseKind, { rank: number; type: ParamType }> = {
  "in-list": { rank: 6, type: "ARRAY" },
  limit: { rank: 5, type: "INTEGER" },
  interval: { rank: 5, type: "INTEGER" },
  "compare-number": { rank: 4, type: "NUMBER" },
  arithmetic: { rank: 4, type: "NUMBER" },
  "compare-integer": { rank: 3, type: "INTEGER" },
  "integer-argument": { rank: 3, type: "INTEGER" },
  "compare-boolean": { rank: 2, type: "BOOLEAN" },
  condition: { rank: 2, type: "BOOLEAN" },
  "text-match": { rank: 1, type: "STRING" },
  "compare-string": { rank: 1, type: "STRING" },
  "order-by": { rank: 0, type: "STRING" },
  "group-by": { rank: 0, type: "STRING" },
  "select-list": { rank: 0, type: "STRING" },
  value: { rank: 0, type: "STRING" },
};

export function inferType(uses: readonly ParamUse[]): InferredType {
  let best = EVIDENCE.value;
  for (const use of uses) {
    const evidence = EVIDENCE[use.kind];
    if (evidence.rank > best.rank) best = evidence;
  }
  if (best.type !== "ARRAY") return { type: best.type };
  const itemType = uses.find((use) => use.kind === "in-list" && use.itemType)?.itemType;
  // The service needs an item type; strings compare correctly with any column type in MySQL.
  return { type: "ARRAY", itemType: itemType ?? "STRING" };
}
