import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_CLUSTER_ID } from "../../src/emulator/index.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

type Json = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: walking an arbitrary OpenAPI document in assertions
type Doc = any;

async function expectValidOpenApi(document: Json): Promise<void> {
  // validate() dereferences in place: give it a copy.
  const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
  expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
}

describe("getDataAppApiSpec", () => {
  let env: TestEmulator;
  let appId: string;
  beforeAll(async () => {
    env = await startTestEmulator();
    const app = await env.api.json("POST", "/dataApps", {
      body: { displayName: "books", description: "A bookshop", clusterId: DEFAULT_CLUSTER_ID },
    });
    appId = app.dataAppId as string;
    const endpoints = [
      {
        displayName: "list_books",
        path: "/books",
        method: "GET",
        tag: "Books",
        settings: { paginationEnabled: true, rowLimit: 50 },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Data Service SQL template, not JavaScript
        sqlTemplate: "SELECT * FROM books WHERE genre IN (${genres}) AND year > ${year}",
        params: [
          { name: "genres", type: "ARRAY", itemType: "STRING", defaultValue: "a,b" },
          { name: "year", type: "INTEGER", required: true, enum: "2000,2010", description: "year" },
          { name: "cheap", type: "BOOLEAN", defaultValue: "false" },
        ],
      },
      {
        displayName: "get_book",
        path: "/books/{book_id}",
        method: "GET",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Data Service SQL template, not JavaScript
        sqlTemplate: "SELECT * FROM books WHERE id = ${book_id}",
        params: [{ name: "book_id", type: "INTEGER" }],
      },
      {
        displayName: "add_books",
        path: "/books/bulk",
        method: "POST",
        batchOperation: true,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Data Service SQL template, not JavaScript
        sqlTemplate: "INSERT INTO books (title, price) VALUES (${title}, ${price})",
        params: [
          { name: "title", type: "STRING", required: true },
          { name: "price", type: "NUMBER", defaultValue: "9.5" },
        ],
      },
      {
        displayName: "rename_book",
        path: "/books/{book_id}",
        method: "PUT",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Data Service SQL template, not JavaScript
        sqlTemplate: "UPDATE books SET title = ${title} WHERE id = ${book_id}",
        params: [
          { name: "book_id", type: "STRING" },
          { name: "title", type: "STRING", required: true },
        ],
      },
    ];
    for (const endpoint of endpoints) {
      await env.api.json("POST", `/dataApps/${appId}/endpoints`, {
        body: { clusterId: DEFAULT_CLUSTER_ID, ...endpoint },
      });
    }
  });
  afterAll(() => env.close());

  it("returns a valid OpenAPI 3.0.3 document describing every endpoint", async () => {
    const document = await env.api.json<Doc>("GET", `/dataApps/${appId}/apiSpec`);
    await expectValidOpenApi(document);
    expect(document.openapi).toBe("3.0.3");
    expect(document.info).toMatchObject({ title: "books", description: "A bookshop" });
    expect(document.servers).toEqual([
      expect.objectContaining({ url: `${env.emulator.dataApiUrl}/app/${appId}/endpoint` }),
    ]);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(["basicAuth", "digestAuth"]);
    expect(document.components.securitySchemes.digestAuth).toMatchObject({ type: "http", scheme: "digest" });

    const list = document.paths["/books"].get;
    expect(list.operationId).toBe("getBooks");
    expect(list.tags).toEqual(["Books"]);
    const byName = Object.fromEntries(list.parameters.map((p: Doc) => [p.name, p]));
    expect(byName.genres).toMatchObject({
      in: "query",
      required: false,
      schema: { type: "array", default: ["a", "b"] },
    });
    expect(byName.year).toMatchObject({
      in: "query",
      required: true,
      schema: { type: "integer", enum: [2000, 2010] },
    });
    expect(byName.cheap.schema).toMatchObject({ type: "boolean", default: false });
    expect(byName.page_size.schema.maximum).toBe(50);
    expect(list.responses["200"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/getBooksResponse",
    );
    const envelope = document.components.schemas.getBooksResponse;
    expect(Object.keys(envelope.properties.data.properties).sort()).toEqual(["columns", "result", "rows"]);

    const get = document.paths["/books/{book_id}"].get;
    expect(get.operationId).toBe("getBooksBookId");
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: "book_id", in: "path", required: true }),
    ]);

    const bulk = document.paths["/books/bulk"].post;
    expect(bulk.operationId).toBe("postBooksBulk");
    const bulkSchema = bulk.requestBody.content["application/json"].schema;
    expect(bulkSchema.properties.items.items).toMatchObject({
      required: ["title"],
      properties: { title: { type: "string" }, price: { type: "number", default: 9.5 } },
    });

    const put = document.paths["/books/{book_id}"].put;
    expect(put.parameters.map((p: Doc) => p.in)).toEqual(["path"]);
    expect(put.requestBody.content["application/json"].schema.properties).toHaveProperty("title");
  });

  it("returns YAML for Accept: application/yaml and for format=YAML", async () => {
    const json = await env.api.json("GET", `/dataApps/${appId}/apiSpec`);
    const viaAccept = await env.api.request("GET", `/dataApps/${appId}/apiSpec`, {
      headers: { Accept: "application/yaml" },
    });
    expect(viaAccept.status).toBe(200);
    expect(viaAccept.headers.get("content-type")).toMatch(/^application\/yaml/);
    expect(viaAccept.text).toMatch(/^openapi: 3\.0\.3/);
    expect(parse(viaAccept.text)).toEqual(json);
    const viaFormat = await env.api.request("GET", `/dataApps/${appId}/apiSpec?format=YAML`);
    expect(parse(viaFormat.text)).toEqual(json);
    await expectValidOpenApi(parse(viaFormat.text) as Json);
    expect((await env.api.request("GET", `/dataApps/${appId}/apiSpec?format=XML`)).status).toBe(400);
  });

  it("is valid for an app without endpoints", async () => {
    const empty = await env.api.json("POST", "/dataApps", { body: { displayName: "empty" } });
    const document = await env.api.json("GET", `/dataApps/${empty.dataAppId}/apiSpec`);
    await expectValidOpenApi(document);
    expect(document.paths).toEqual({});
    // The validator does reject a broken document (an operation without responses).
    const broken = { ...document, paths: { "/x": { get: { operationId: "getX" } } } };
    const result = await validate(broken as unknown as Parameters<typeof validate>[0]);
    expect(result.valid).toBe(false);
  });
});
