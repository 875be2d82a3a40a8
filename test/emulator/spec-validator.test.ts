import { describe, expect, it } from "vitest";
import { expectMatchesSchema, expectMatchesSpec, responseSchemaPointer } from "../helpers/spec-validator.js";

// The helpers every emulator test relies on must be able to fail.
describe("spec validator helper", () => {
  it("resolves response schemas by operationId and status", () => {
    expect(responseSchemaPointer("listDataApps", 200)).toBe(
      "/paths/~1dataApps/get/responses/200/content/application~1json/schema",
    );
    expect(responseSchemaPointer("getDataApp", 404)).toBe(
      "/components/responses/NotFound/content/application~1json/schema",
    );
    expect(responseSchemaPointer("deleteDataApp", 200)).toBeUndefined();
    expect(() => responseSchemaPointer("createDataApp", 418)).toThrow(/does not declare status 418/);
    expect(() => responseSchemaPointer("noSuchOperation", 200)).toThrow(/not in/);
  });

  it("accepts conforming bodies with extra fields and rejects wrong ones", () => {
    expectMatchesSpec("getDataApp", 200, { dataAppId: "dataapp-x", displayName: "a", extra: true });
    expect(() => expectMatchesSpec("listDataApps", 200, { dataApps: "not an array" })).toThrow(
      /does not match/,
    );
    expect(() => expectMatchesSpec("createEndpoint", 200, { method: "PATCH" })).toThrow(/does not match/);
    expect(() => expectMatchesSpec("createDataApp", 200, { createTime: "yesterday" })).toThrow(
      /does not match/,
    );
    expect(() => expectMatchesSchema("ErrorResponse", { code: "400" })).toThrow(/does not match/);
    expectMatchesSchema("ErrorResponse", { code: 400, status: "INVALID_ARGUMENT", error: "X", message: "m" });
  });
});
