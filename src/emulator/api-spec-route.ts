import { stringify } from "yaml";
import { invalidArgument } from "./api-error.js";
import { buildApiSpecDocument } from "./api-spec-document.js";
import { requireApp } from "./app-lookup.js";
import type { Route } from "./router.js";
import type { Services } from "./services.js";

function wantsYaml(format: string | null, accept: string | undefined): boolean {
  if (format !== null && format !== "") {
    const upper = format.toUpperCase();
    if (upper !== "JSON" && upper !== "YAML")
      throw invalidArgument(`format must be JSON or YAML, got '${format}'.`);
    return upper === "YAML";
  }
  return /application\/(x-)?yaml|text\/yaml/i.test(accept ?? "");
}

export function apiSpecRoutes(services: Services): Route[] {
  return [
    {
      method: "GET",
      pattern: "/v1beta1/dataApps/{dataAppId}/apiSpec",
      handler: async ({ params, url, req }) => {
        const app = requireApp(services.store, params.dataAppId ?? "");
        const document = buildApiSpecDocument(
          app,
          services.store.listDraftEndpoints(app.dataAppId),
          services.dataApiUrl(),
        );
        if (wantsYaml(url.searchParams.get("format"), req.headers.accept)) {
          return { status: 200, text: stringify(document), contentType: "application/yaml; charset=utf-8" };
        }
        return { status: 200, body: document };
      },
    },
  ];
}
