// What every route needs from a request: its parameters (§7.6), a path id, found-or-404.
import { assertUuid, NotFoundError } from "@backbeat/core";
import type { ReadScope } from "@backbeat/db";
import type { Request, Response } from "express";
import { callerOf } from "./auth.ts";
import { requestParams, type Params } from "./params.ts";

export function paramsOf(req: Request): Params {
  return requestParams(req.query, req.body);
}

/** A path id: malformed is a 400 (checked before any query). */
export function pathId(req: Request, key = "id"): string {
  const id = String(req.params[key] ?? "");
  assertUuid(id, key);
  return id;
}

/** Reads are scoped exactly as GraphQL's: a client sees its own rows. */
export function scopeOf(res: Response): ReadScope {
  const caller = callerOf(res);
  return { clientId: caller.kind === "client" ? caller.clientId : null };
}

export function found<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw new NotFoundError(what, id);
  return value;
}

export const SUCCESS = { success: true } as const;
