import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { expect } from "vitest";
import { parse } from "yaml";

// Validates responses against spec/dataservice-openapi.yml itself, loaded at
// test time, so the tests check the contract rather than a copy of it.

const SPEC_PATH = join(dirname(fileURLToPath(import.meta.url)), "../../spec/dataservice-openapi.yml");
const SPEC_ID = "dataservice-openapi";

type JsonObject = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_PATH, "utf8")) as JsonObject;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function findOperation(operationId: string): { path: string; method: string; operation: JsonObject } {
  const paths = spec.paths as Record<string, Record<string, JsonObject>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === operationId) return { path, method, operation };
    }
  }
  throw new Error(`operationId ${operationId} is not in ${SPEC_PATH}`);
}

/** The JSON pointer (inside the spec) of the JSON schema of a response, or undefined when it has no body. */
export function responseSchemaPointer(operationId: string, status: number): string | undefined {
  const { path, method, operation } = findOperation(operationId);
  const responses = operation.responses as Record<string, JsonObject>;
  const response = responses[String(status)];
  if (response === undefined) {
    throw new Error(
      `${operationId} does not declare status ${status} in the spec (declared: ${Object.keys(responses).join(", ")})`,
    );
  }
  let pointer = `/paths/${escapePointer(path)}/${method}/responses/${status}`;
  let resolved = response;
  if (typeof response.$ref === "string") {
    pointer = response.$ref.slice(1);
    const name = response.$ref.split("/").at(-1) ?? "";
    resolved = ((spec.components as JsonObject).responses as Record<string, JsonObject>)[name] ?? {};
  }
  const content = resolved.content as Record<string, JsonObject> | undefined;
  if (content?.["application/json"]?.schema === undefined) return undefined;
  return `${pointer}/content/application~1json/schema`;
}

/** Asserts that `body` is what the spec says `operationId` answers with `status`. */
export function expectMatchesSpec(operationId: string, status: number, body: unknown): void {
  const pointer = responseSchemaPointer(operationId, status);
  if (pointer === undefined) return;
  const validate = ajv.getSchema(`${SPEC_ID}#${pointer}`);
  if (validate === undefined) throw new Error(`cannot compile the schema at ${pointer}`);
  const valid = validate(body);
  expect(
    valid,
    `${operationId} ${status} does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
  ).toBe(true);
}

/** Asserts that `body` matches `#/components/schemas/{name}` of the spec. */
export function expectMatchesSchema(name: string, body: unknown): void {
  const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`schema ${name} is not in the spec`);
  const valid = validate(body);
  expect(
    valid,
    `${name} does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
  ).toBe(true);
}
