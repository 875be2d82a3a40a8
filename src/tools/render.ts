import type { Page } from "../client/model.js";

/** Compact JSON: the text rendering of a structured result. */
export function renderJson(value: unknown): string {
  return JSON.stringify(value);
}

export function renderPage<T>(noun: string, page: Page<T>): string {
  const more = page.nextPageToken ? ` More: pass pageToken "${page.nextPageToken}".` : "";
  return `${page.items.length} ${noun}.${more}\n${renderJson(page.items)}`;
}
