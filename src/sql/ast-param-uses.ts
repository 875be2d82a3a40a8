// Walks node-sql-parser's AST and classifies every `param` node by where it
// sits. The parser gives param nodes no location, so each placeholder is
// substituted by a parser parameter with a unique name (see parser-text.ts).
import type { ArrayItemType } from "../client/model.js";
import { COMPARISON_OPERATORS, comparisonUse, type LiteralKind, type ParamUse } from "./param-use.js";

export type AstNode = { [key: string]: unknown };

interface Frame {
  node: AstNode;
  key: string;
  /** Index inside `node[key]` when that property is an array, else -1. */
  index: number;
}

const TEXT_MATCH = new Set(["LIKE", "NOT LIKE", "RLIKE", "NOT RLIKE", "REGEXP", "NOT REGEXP"]);
const ARITHMETIC = new Set(["+", "-", "*", "/", "%", "DIV", "MOD", "&", "|", "^", "<<", ">>"]);
const LOGICAL = new Set(["AND", "OR", "XOR", "&&", "||"]);
const STRING_TYPES = new Set([
  "string",
  "single_quote_string",
  "double_quote_string",
  "natural_string",
  "hex_string",
  "full_hex_string",
  "bit_string",
]);

/** Functions whose listed (0-based) arguments are counts or positions. */
const INTEGER_ARGUMENTS: Record<string, readonly number[]> = {
  LEFT: [1],
  RIGHT: [1],
  SUBSTRING: [1, 2],
  SUBSTR: [1, 2],
  MID: [1, 2],
  SUBSTRING_INDEX: [2],
  REPEAT: [1],
  LPAD: [1],
  RPAD: [1],
  ROUND: [1],
  TRUNCATE: [1],
  FORMAT: [1],
};

export function isAstNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function functionName(node: AstNode): string {
  const name = node.name;
  if (typeof name === "string") return name.toUpperCase();
  if (isAstNode(name) && Array.isArray(name.name)) {
    const last = name.name[name.name.length - 1];
    if (isAstNode(last) && typeof last.value === "string") return last.value.toUpperCase();
  }
  return "";
}

function operatorOf(node: AstNode): string {
  return typeof node.operator === "string" ? node.operator.toUpperCase() : "";
}

function literalKind(value: unknown): LiteralKind | undefined {
  if (!isAstNode(value)) return undefined;
  if (value.type === "number") {
    const raw = value.value;
    if (typeof raw === "number") return Number.isInteger(raw) ? "integer" : "number";
    if (typeof raw === "string") return /^-?\d+$/.test(raw) ? "integer" : "number";
    return "number";
  }
  if (value.type === "bool" || value.type === "boolean") return "boolean";
  if (typeof value.type === "string" && STRING_TYPES.has(value.type)) return "string";
  if (value.type === "unary_expr" && value.operator === "-") return literalKind(value.expr);
  // Aggregates tell the type of what they are compared with: COUNT(*) > ${n}.
  if (value.type === "aggr_func" && typeof value.name === "string") {
    const name = value.name.toUpperCase();
    if (name === "COUNT") return "integer";
    if (name === "SUM" || name === "AVG") return "number";
  }
  return undefined;
}

function itemTypeOf(kinds: (LiteralKind | undefined)[]): ArrayItemType | undefined {
  let sawInteger = false;
  for (const kind of kinds) {
    if (kind === "string") return "STRING";
    if (kind === "number") return "NUMBER";
    if (kind === "integer") sawInteger = true;
  }
  return sawInteger ? "INTEGER" : undefined;
}

function underTextMatch(stack: Frame[]): boolean {
  for (let level = stack.length - 1; level >= 0; level--) {
    const node = stack[level]!.node;
    if (node.type === "expr_list" || node.type === "function") continue;
    return node.type === "binary_expr" && TEXT_MATCH.has(operatorOf(node));
  }
  return false;
}

function classify(stack: Frame[]): Omit<ParamUse, "placeholder"> {
  const parent = stack[stack.length - 1];
  if (!parent) return { kind: "value", context: "a value" };
  const grand = stack[stack.length - 2];
  const node = parent.node;

  if (node.type === "interval") return { kind: "interval", context: "INTERVAL" };
  if (parent.key === "value" && "seperator" in node) return { kind: "limit", context: "LIMIT/OFFSET" };

  if (node.type === "expr_list" && grand) {
    const owner = grand.node;
    const operator = operatorOf(owner);
    if (
      owner.type === "binary_expr" &&
      grand.key === "right" &&
      (operator === "IN" || operator === "NOT IN")
    ) {
      const siblings = Array.isArray(node.value) ? node.value : [];
      const itemType = itemTypeOf([literalKind(owner.left), ...siblings.map(literalKind)]);
      return { kind: "in-list", context: `${operator} (…)`, ...(itemType ? { itemType } : {}) };
    }
    if (owner.type === "binary_expr" && (operator === "BETWEEN" || operator === "NOT BETWEEN")) {
      const bounds = Array.isArray(node.value) ? node.value : [];
      const other = bounds[parent.index === 0 ? 1 : 0];
      const fromBound =
        comparisonUse(literalKind(other), "BETWEEN") ?? comparisonUse(literalKind(owner.left), "BETWEEN");
      return fromBound ?? { kind: "value", context: "BETWEEN" };
    }
    if (owner.type === "function") {
      const name = functionName(owner);
      if (INTEGER_ARGUMENTS[name]?.includes(parent.index)) {
        return { kind: "integer-argument", context: `argument ${parent.index + 1} of ${name}()` };
      }
      if (name === "IF" && parent.index === 0) return { kind: "condition", context: "the condition of IF()" };
      if (underTextMatch(stack)) return { kind: "text-match", context: "a LIKE pattern" };
      return { kind: "value", context: `an argument of ${name}()` };
    }
    return { kind: "value", context: "a value" };
  }

  if (node.type === "binary_expr") {
    const operator = operatorOf(node);
    const other = parent.key === "left" ? node.right : node.left;
    if ((operator === "IN" || operator === "NOT IN") && parent.key === "left") {
      const list = isAstNode(other) && Array.isArray(other.value) ? other.value : [];
      const itemType = itemTypeOf(list.map(literalKind));
      if (itemType === "INTEGER") return { kind: "compare-integer", context: `${operator} with integers` };
      if (itemType === "NUMBER") return { kind: "compare-number", context: `${operator} with numbers` };
      return { kind: "value", context: `${operator} (…)` };
    }
    if (COMPARISON_OPERATORS.has(operator))
      return comparisonUse(literalKind(other), operator) ?? { kind: "value", context: operator };
    if (TEXT_MATCH.has(operator)) return { kind: "text-match", context: operator };
    if (ARITHMETIC.has(operator)) return { kind: "arithmetic", context: `arithmetic (${operator})` };
    if (LOGICAL.has(operator)) return { kind: "condition", context: `an operand of ${operator}` };
    if (operator === "IS" || operator === "IS NOT") {
      return literalKind(other) === "boolean"
        ? { kind: "compare-boolean", context: `${operator} TRUE/FALSE` }
        : { kind: "value", context: operator };
    }
    return { kind: "value", context: operator || "an expression" };
  }

  if (node.type === "unary_expr") {
    const operator = operatorOf(node);
    if (operator === "NOT" || operator === "!") return { kind: "condition", context: "NOT" };
    if (operator === "-" || operator === "+") return { kind: "arithmetic", context: `unary ${operator}` };
    return { kind: "value", context: operator };
  }

  if (parent.key === "where" || parent.key === "having" || parent.key === "on") {
    return { kind: "condition", context: `the whole ${parent.key.toUpperCase()} condition` };
  }
  if (parent.key === "cond") return { kind: "condition", context: "a CASE WHEN condition" };
  if (grand && parent.key === "expr" && grand.key === "orderby")
    return { kind: "order-by", context: "ORDER BY" };
  if (grand && grand.key === "groupby") return { kind: "group-by", context: "GROUP BY" };
  if (parent.key === "groupby") return { kind: "group-by", context: "GROUP BY" };
  if (grand && parent.key === "expr" && grand.key === "columns" && grand.node.type === "select") {
    // INSERT … SELECT ${a}: the select list supplies the inserted values, which is what parameters are for.
    const owner = stack[stack.length - 3];
    const insertsRows =
      owner?.key === "values" && (owner.node.type === "insert" || owner.node.type === "replace");
    if (!insertsRows) return { kind: "select-list", context: "the select list" };
  }
  return { kind: "value", context: "a value" };
}

/**
 * Every param node of `root` with its use. `resolve` maps a parser parameter
 * name back to the placeholder index; unknown names are skipped.
 */
export function collectParamUses(
  root: unknown,
  resolve: (parserName: string) => number | undefined,
): ParamUse[] {
  const uses: ParamUse[] = [];
  const stack: Frame[] = [];

  const visitValue = (value: unknown, owner: AstNode, key: string, index: number): void => {
    if (Array.isArray(value)) {
      for (let item = 0; item < value.length; item++)
        visitValue(value[item], owner, key, index === -1 ? item : index);
      return;
    }
    if (!isAstNode(value)) return;
    stack.push({ node: owner, key, index });
    visitNode(value);
    stack.pop();
  };

  const visitNode = (node: AstNode): void => {
    if (node.type === "param" && typeof node.value === "string") {
      const placeholder = resolve(node.value);
      if (placeholder !== undefined) uses.push({ placeholder, ...classify(stack) });
      return;
    }
    for (const key in node) {
      if (key === "loc") continue;
      const child = node[key];
      if (child !== null && typeof child === "object") visitValue(child, node, key, -1);
    }
  };

  if (isAstNode(root)) visitNode(root);
  return uses;
}
