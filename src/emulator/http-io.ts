import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, invalidArgument } from "./api-error.js";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the whole request body; undefined when it exceeds 1 MiB. Keeps reading
 * past the limit (discarding) so the refusal can still be sent on this connection.
 */
export async function readBodyWithinLimit(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

/** Reads the request body, refusing more than 1 MiB with 413. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(
      413,
      "INVALID_ARGUMENT",
      "PAYLOAD_TOO_LARGE",
      `The request body exceeds ${MAX_BODY_BYTES} bytes. Send a smaller body.`,
    );
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const body = await readBodyWithinLimit(req);
  if (body === undefined) throw tooLarge();
  return body;
}

/** A decoded URL path segment; undefined when its percent-encoding is malformed. */
export function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Parses a JSON body; an empty body is `undefined`. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidArgument(
      `The request body is not valid JSON (${(error as Error).message}). Send a JSON object with Content-Type: application/json.`,
      "MALFORMED_JSON",
    );
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    ...headers,
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
