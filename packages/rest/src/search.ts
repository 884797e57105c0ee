// The original's search parameters (reference §6.4) on the same queries GraphQL's searches use:
// no filter at all → [] (as the original), per_page (25) with 1-based page, or last_id for keyset
// paging after a row the caller can see.
import { assertUuid, BadInputError, isClientStatus, isServerStatus, NotFoundError } from "@backbeat/core";
import type { SearchCursor, SearchPage } from "@backbeat/db";
import { intParam, stringParam, timeParam, type Params } from "./params.ts";

const FILTER_KEYS = ["name", "subject", "metadata", "current_status", "past_status", "status_start", "status_end"];
const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 1000;
/** page × per_page rows are read to serve a page: a bound on that. */
const MAX_ROWS = 10_000;

export function hasFilter(p: Params): boolean {
  return FILTER_KEYS.some((k) => p[k] !== undefined && p[k] !== null && p[k] !== "");
}

function statusParam(p: Params, key: string): string | null {
  const v = stringParam(p, key);
  if (v === undefined || v === "") return null;
  const lower = v.toLowerCase();
  if (!isServerStatus(lower) && !isClientStatus(lower))
    throw new BadInputError(`${key} must be a server or client status name, not ${JSON.stringify(v)}`);
  return lower;
}

export function searchFilter(p: Params) {
  return {
    name: stringParam(p, "name") ?? null,
    currentStatus: statusParam(p, "current_status"),
    pastStatus: statusParam(p, "past_status"),
    statusStart: timeParam(p, "status_start") ?? null,
    statusEnd: timeParam(p, "status_end") ?? null,
  };
}

export type RestPage = { page: SearchPage; skip: number; lastId: string | null };

export function searchPage(p: Params): RestPage {
  const perPage = intParam(p, "per_page") ?? DEFAULT_PER_PAGE;
  const page = intParam(p, "page") ?? 1;
  if (perPage < 1 || perPage > MAX_PER_PAGE) throw new BadInputError(`per_page must be between 1 and ${MAX_PER_PAGE}`);
  if (page < 1 || page * perPage > MAX_ROWS)
    throw new BadInputError(`page × per_page must be between 1 and ${MAX_ROWS}`);
  const lastId = stringParam(p, "last_id") ?? null;
  if (lastId !== null) assertUuid(lastId, "last_id");
  return { page: { first: page * perPage, after: null }, skip: (page - 1) * perPage, lastId };
}

/** The keyset position of `last_id`, read with the caller's scope (an unseen id is NOT_FOUND). */
export function cursorOf(row: { createdAt: Date; id: string } | null, lastId: string): SearchCursor {
  if (!row) throw new NotFoundError("Record", lastId);
  return { createdAt: row.createdAt, id: row.id };
}
