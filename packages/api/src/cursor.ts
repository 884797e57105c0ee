// Opaque page cursors: a row's (created_at, id), the keyset that search pages are ordered by.
import { BadInputError, isUuid } from "@backbeat/core";
import type { SearchCursor } from "@backbeat/db";

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): SearchCursor | null {
  if (cursor == null) return null;
  const [time, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time ?? "");
  if (rest.length > 0 || !id || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw new BadInputError("after is not a cursor returned by this query");
  }
  return { createdAt, id };
}
