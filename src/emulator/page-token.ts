import { createHmac, randomBytes } from "node:crypto";
import { invalidArgument } from "./api-error.js";
import { safeEqual } from "./digest-auth.js";

const MAX_PAGE_SIZE = 100;

interface TokenPayload {
  /** The list the token belongs to, e.g. `endpoints:dataapp-x`. */
  list: string;
  /** The `seq` of the last item of the previous page. */
  after: number;
  issuedAt: number;
}

/**
 * Opaque, HMAC-signed page tokens bound to one list. They point after an
 * item's creation sequence, so inserts and deletes between pages neither skip
 * nor repeat items. Tokens older than `ttlMs`, or issued by another emulator
 * process, are refused.
 */
export class PageTokens {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  paginate<T extends { seq: number }>(
    list: string,
    items: readonly T[],
    query: URLSearchParams,
  ): { items: T[]; nextPageToken?: string } {
    const pageSize = parsePageSize(query.get("pageSize"));
    const token = query.get("pageToken");
    const after = token === null || token === "" ? 0 : this.decode(list, token);
    const remaining = items.filter((item) => item.seq > after);
    const page = remaining.slice(0, pageSize);
    const last = page.at(-1);
    if (remaining.length > pageSize && last !== undefined) {
      return { items: page, nextPageToken: this.encode({ list, after: last.seq, issuedAt: this.now() }) };
    }
    return { items: page };
  }

  private encode(payload: TokenPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.sign(body)}`;
  }

  private decode(list: string, token: string): number {
    const [body, signature] = token.split(".");
    const expected = body === undefined ? "" : this.sign(body);
    if (body === undefined || signature === undefined || !safeEqual(signature, expected)) {
      throw invalidArgument(
        "pageToken is not a token this emulator issued. Pass the nextPageToken of the previous page unchanged, or omit pageToken to start from the first page.",
        "INVALID_PAGE_TOKEN",
      );
    }
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenPayload;
    if (payload.list !== list) {
      throw invalidArgument(
        "pageToken belongs to a different list. Use a token only with the list call that returned it.",
        "INVALID_PAGE_TOKEN",
      );
    }
    if (this.now() - payload.issuedAt > this.ttlMs) {
      throw invalidArgument(
        "pageToken has expired. Start again from the first page by omitting pageToken.",
        "STALE_PAGE_TOKEN",
      );
    }
    return payload.after;
  }

  private sign(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }
}

/** A list response body: the page's items under `field`, and `nextPageToken` when another page follows. */
export function listBody<T>(
  field: string,
  page: { items: readonly T[]; nextPageToken?: string },
  view: (item: T) => unknown,
): Record<string, unknown> {
  return {
    [field]: page.items.map((item) => view(item)),
    ...(page.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }),
  };
}

/** pageSize: 1 to 100; absent or empty means 100 (the spec's default). */
function parsePageSize(raw: string | null): number {
  if (raw === null || raw === "") return MAX_PAGE_SIZE;
  if (!/^\d+$/.test(raw)) {
    throw invalidArgument(
      `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got '${raw}'.`,
      "INVALID_PAGE_SIZE",
    );
  }
  const size = Number(raw);
  if (size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidArgument(`pageSize must be from 1 to ${MAX_PAGE_SIZE}, got ${size}.`, "INVALID_PAGE_SIZE");
  }
  return size;
}
