import type { ScannedTemplate } from "./template-scanner.js";

export interface ParserText {
  /** The template with every placeholder in code replaced by a same-length parser parameter. */
  text: string;
  /** Parser parameter name (without `:`) to placeholder index. */
  placeholderOf: Map<string, number>;
}

/**
 * `${id}` becomes `:p0  `: same length, so every offset the parser reports is an
 * offset of the original template. Each occurrence gets its own name because
 * the parser gives param nodes no location. Malformed placeholders become `0`
 * so the rest of the statement can still be checked.
 */
export function buildParserText(scanned: ScannedTemplate): ParserText {
  const placeholderOf = new Map<string, number>();
  const parts: string[] = [];
  let copied = 0;
  for (const placeholder of scanned.placeholders) {
    if (placeholder.context !== "code") continue;
    const width = placeholder.end - placeholder.start;
    let replacement: string;
    if (placeholder.validName) {
      const uniqueName = `p${placeholder.index.toString(36)}`;
      // `${a}` leaves room for `:` plus 3 characters; past 1,296 placeholders fall back to the name itself.
      const parserName = uniqueName.length + 1 <= width ? uniqueName : placeholder.name;
      if (!placeholderOf.has(parserName)) placeholderOf.set(parserName, placeholder.index);
      replacement = `:${parserName}`;
    } else {
      replacement = "0";
    }
    parts.push(scanned.text.slice(copied, placeholder.start), replacement.padEnd(width, " "));
    copied = placeholder.end;
  }
  if (copied === 0) return { text: scanned.text, placeholderOf };
  parts.push(scanned.text.slice(copied));
  return { text: parts.join(""), placeholderOf };
}
