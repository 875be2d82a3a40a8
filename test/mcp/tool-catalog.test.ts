// biome-ignore-all lint/suspicious/noTemplateCurlyInString: SQL templates use ${name} placeholders
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toCompactJsonSchema } from "../../src/mcp/json-schema.js";
import {
  buildCatalog,
  listCatalog,
  renderCatalogModule,
  type ToolSelection,
} from "../../src/mcp/tool-catalog.js";
import { FEATURE_GROUPS } from "../../src/mcp/tool-definition.js";
import { ALL_TOOLS } from "../../src/tools/index.js";
import { TOOL_CATALOG } from "../../src/tools/tool-catalog.generated.js";

const SELECTIONS: Record<string, ToolSelection> = {
  all: { readOnly: false, features: FEATURE_GROUPS },
  readOnly: { readOnly: true, features: FEATURE_GROUPS },
  scoped: { readOnly: false, features: FEATURE_GROUPS, dataAppId: "dataapp-1" },
  readOnlyScoped: { readOnly: true, features: FEATURE_GROUPS, dataAppId: "dataapp-1" },
  someGroups: { readOnly: false, features: ["endpoints", "spec"], dataAppId: "dataapp-1" },
};

describe("the generated tool catalog", () => {
  it("is up to date with the tool definitions", async () => {
    await expect(renderCatalogModule(buildCatalog(ALL_TOOLS))).toMatchFileSnapshot(
      "../../src/tools/tool-catalog.generated.ts",
    );
    expect(TOOL_CATALOG).toEqual(buildCatalog(ALL_TOOLS));
  });

  it.each(Object.entries(SELECTIONS))(
    "lists exactly what the definitions give for %s",
    (_name, selection) => {
      const expected = ALL_TOOLS.filter(
        (tool) =>
          (!selection.readOnly || tool.annotations.readOnlyHint) &&
          selection.features.includes(tool.group) &&
          !(selection.dataAppId && tool.unscopedOnly),
      ).map((tool) => {
        const shape: Record<string, z.core.$ZodType> = { ...tool.input };
        if (selection.dataAppId) delete shape.dataAppId;
        return toCompactJsonSchema(z.object(shape), "input");
      });
      const listed = listCatalog(TOOL_CATALOG, selection);
      expect(listed.map((tool) => tool.inputSchema)).toEqual(expected);
    },
  );

  it("survives placeholders and backticks in descriptions", () => {
    const catalog = buildCatalog(ALL_TOOLS.slice(0, 1)).map((entry) => ({
      ...entry,
      listing: { ...entry.listing, description: "uses ${name} and `code`" },
    }));
    const source = renderCatalogModule(catalog);
    const json = /String\.raw`(.*)`,/s.exec(source)?.[1] ?? "";
    expect(json).not.toContain("${");
    expect(JSON.parse(json)[0].listing.description).toBe("uses ${name} and `code`");
  });
});
