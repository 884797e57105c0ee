// The original's parameter conventions (reference §7.6): keys arrive snake_case or camelCase and are
// snake-cased recursively, except the values under client_data and metadata, which are kept as sent,
// and a workflow's subject: it is its identity (compared as JSON, PRODUCT.md #10), the same over GraphQL.
// A parameter sent as null means absent. Each reader refuses a value of the wrong type with a 400.
import { BadInputError, isJsonObject } from "@backbeat/core";

export type Params = Record<string, unknown>;

const KEPT_AS_SENT = new Set(["client_data", "metadata", "subject"]);

/** clientData → client_data, currentServerStatus → current_server_status, HTTPCode → http_code. */
export function snakeKey(key: string): string {
  return key
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

export function snakeParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeParams);
  if (!isJsonObject(value)) return value;
  const out: Params = {};
  for (const [k, v] of Object.entries(value)) {
    const key = snakeKey(k);
    if (key === "__proto__") continue;
    out[key] = KEPT_AS_SENT.has(key) ? v : snakeParams(v);
  }
  return out;
}

/** The query string, the JSON body and the path's name, merged as the original did (body wins). */
export function requestParams(query: unknown, body: unknown): Params {
  const fromQuery = isJsonObject(query) ? query : {};
  if (body !== undefined && body !== null && !isJsonObject(body))
    throw new BadInputError("The body must be a JSON object");
  return snakeParams({ ...fromQuery, ...(body ?? {}) }) as Params;
}

/** A nested parameter object ({} when absent). */
export function objectParam(p: Params, key: string): Params {
  const v = p[key];
  if (v === undefined || v === null) return {};
  if (!isJsonObject(v)) throw new BadInputError(`${key} must be a JSON object`);
  return v;
}

export function stringParam(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new BadInputError(`${key} must be a string`);
  return v;
}

/** A whole number, sent as a JSON number or (in a query string) as digits. */
export function intParam(p: Params, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) throw new BadInputError(`${key} must be a whole number`);
  return n;
}

/** An ISO-8601 time with its offset ("2026-12-06T20:00:00+01:00" or "…Z"). */
export function timeParam(p: Params, key: string): Date | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  const date = typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new BadInputError(`${key} must be an ISO-8601 time, not ${JSON.stringify(v)}`);
  return date;
}
