import type { Page } from "./model.js";

/** Reads every page of a list, bounded, for plans that must see all dependents. */
export async function collectAllPages<T>(
  fetchPage: (pageToken: string | undefined) => Promise<Page<T>>,
  maxPages = 50,
): Promise<T[]> {
  const items: T[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(pageToken);
    items.push(...result.items);
    if (!result.nextPageToken) break;
    pageToken = result.nextPageToken;
  }
  return items;
}
