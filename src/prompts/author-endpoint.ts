import { completable } from "@modelcontextprotocol/sdk/server/completable.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { DataServiceApi } from "../client/api.js";

export interface PromptOptions {
  api: DataServiceApi;
  dataAppId?: string;
}

/** Walks the assistant through authoring one endpoint, from the user's wish to a callable URL. */
export function registerAuthorEndpointPrompt(server: McpServer, options: PromptOptions): void {
  server.registerPrompt(
    "author_endpoint",
    {
      title: "Author a Data Service endpoint",
      description: "Turn a description of the data you want into a tested, deployed endpoint.",
      argsSchema: {
        request: z.string().describe("What data the endpoint should return or change"),
        dataAppId: completable(z.string().optional().describe("Data App to use"), async (value) => {
          if (options.dataAppId) return [options.dataAppId];
          try {
            const page = await options.api.listDataApps({ pageSize: 100 });
            return page.items.map((app) => app.dataAppId).filter((id) => id.startsWith(value ?? ""));
          } catch {
            return [];
          }
        }),
      },
    },
    ({ request, dataAppId }) => {
      const app = dataAppId ?? options.dataAppId;
      const appStep = app
        ? `Use Data App ${app} (get_data_app; list_data_sources to find its cluster).`
        : "Pick a Data App with list_data_apps, or create one with create_data_app, and make sure a cluster is linked (list_data_sources / create_data_source).";
      const text = [
        `I want an endpoint for: ${request}`,
        "",
        "Steps:",
        `1. ${appStep}`,
        "2. Find the tables and columns involved (ask me if unsure; do not guess names).",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: ${name} is the SQL template placeholder syntax
        "3. Write the SQL template with ${param} placeholders for values only, choose method and path (GET for reads; {param} path segments for ids), and run lint_sql_template until it reports no errors.",
        "4. create_endpoint with that SQL; review the linter notes and the params it filled in.",
        "5. test_endpoint with realistic arguments; fix with update_endpoint until the rows are right.",
        "6. Show me the endpoint and ask before deploy_data_app.",
        "7. If I want to call it, create_api_key (READ_ONLY unless it writes) and remind me to store the private key; then call_endpoint.",
        "8. Finish with the URL shape and get_api_spec for client generation.",
      ].join("\n");
      return { messages: [{ role: "user", content: { type: "text", text } }] };
    },
  );
}
