import { describe, expect, it } from "vitest";
import { buildCatalog, listCatalog, type ToolSelection } from "../../src/mcp/tool-catalog.js";
import { FEATURE_GROUPS } from "../../src/mcp/tool-definition.js";
import { ALL_TOOLS } from "../../src/tools/index.js";

const DESCRIPTION_BUDGET = 120;

/** What the model sees in a configuration, computed from the definitions themselves. */
function listTools(definitions: typeof ALL_TOOLS, selection: ToolSelection) {
  return listCatalog(buildCatalog(definitions), selection);
}
const ALL_ENABLED = { readOnly: false, features: FEATURE_GROUPS };
const READ_ONLY_SCOPED = { readOnly: true, features: FEATURE_GROUPS, dataAppId: "dataapp-scoped" };

function tokens(tools: unknown): number {
  return JSON.stringify({ tools }).length / 4;
}

describe("tool definitions", () => {
  it.each(ALL_TOOLS.map((tool) => [tool.name, tool] as const))("%s is complete", (_name, tool) => {
    expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
    expect(tool.title.length).toBeGreaterThan(3);
    expect(tool.description.length).toBeGreaterThan(10);
    expect(tool.description.length).toBeLessThanOrEqual(DESCRIPTION_BUDGET);
    for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
      expect(typeof tool.annotations[hint], hint).toBe("boolean");
    }
    if (tool.annotations.readOnlyHint) expect(tool.annotations.destructiveHint).toBe(false);
    expect(Object.keys(tool.output).length).toBeGreaterThan(0);
    expect(FEATURE_GROUPS).toContain(tool.group);
    expect(typeof tool.run).toBe("function");
  });

  it("has unique names and one tool per operation of every group", () => {
    const names = ALL_TOOLS.map((tool) => tool.name);
    expect(new Set(names).size).toBe(names.length);
    for (const group of FEATURE_GROUPS) {
      expect(ALL_TOOLS.some((tool) => tool.group === group)).toBe(true);
    }
  });

  it("lists every tool with title, annotations, input and output schemas", () => {
    const listed = listTools(ALL_TOOLS, ALL_ENABLED);
    expect(listed).toHaveLength(ALL_TOOLS.length);
    for (const tool of listed) {
      expect(tool.title).toBeTruthy();
      expect(tool.annotations).toBeTruthy();
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
      expect(JSON.stringify(tool)).not.toMatch(
        /"\$schema"|"additionalProperties":(true|false)|"propertyNames"/,
      );
    }
  });

  it("removes dataAppId from every schema when scoped, and the app-level tools that make no sense", () => {
    const listed = listTools(ALL_TOOLS, { ...ALL_ENABLED, dataAppId: "dataapp-scoped" });
    for (const tool of listed) expect(tool.inputSchema.properties ?? {}).not.toHaveProperty("dataAppId");
    const names = listed.map((tool) => tool.name);
    expect(names).not.toContain("list_data_apps");
    expect(names).not.toContain("create_data_app");
    expect(names).toContain("delete_data_app");
  });

  it("keeps only reading tools in read-only mode", () => {
    const listed = listTools(ALL_TOOLS, { ...ALL_ENABLED, readOnly: true });
    expect(listed.length).toBeGreaterThan(5);
    for (const tool of listed) expect(tool.annotations?.readOnlyHint).toBe(true);
  });

  it("filters by feature group", () => {
    const listed = listTools(ALL_TOOLS, { readOnly: false, features: ["spec", "deployments"] });
    expect(listed.map((tool) => tool.name).sort()).toEqual([
      "deploy_data_app",
      "get_api_spec",
      "get_deployment",
      "list_deployments",
    ]);
  });

  it("stays within the tools/list token budgets", () => {
    expect(tokens(listTools(ALL_TOOLS, ALL_ENABLED))).toBeLessThanOrEqual(5000);
    expect(tokens(listTools(ALL_TOOLS, READ_ONLY_SCOPED))).toBeLessThanOrEqual(2500);
  });

  it("matches the reviewed snapshot of what the model sees", async () => {
    const listed = {
      allEnabled: listTools(ALL_TOOLS, ALL_ENABLED),
      readOnlyScoped: listTools(ALL_TOOLS, READ_ONLY_SCOPED),
    };
    await expect(`${JSON.stringify(listed, null, 2)}\n`).toMatchFileSnapshot("__snapshots__/tools-list.json");
  });
});
