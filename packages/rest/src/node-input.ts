// A signal's or a decision's parameters (reference §7.5) as the engine's NodeInput: top level or
// nested under `options`, `type`/`legacy_type` for the legacy type, retry_interval in seconds.
// Validation and defaults are the engine's (normalizeNodeInput), the same as over GraphQL.
import { BadInputError, isJsonObject, type NodeInput } from "@backbeat/core";
import { intParam, objectParam, stringParam, timeParam, type Params } from "./params.ts";

export function nodeInputOf(params: Params, nameFromPath?: string): NodeInput {
  const options = objectParam(params, "options");
  // A top-level value wins; null at the top level leaves the nested one (null means absent).
  const p: Params = { ...options };
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) p[k] = v;
  const mode = stringParam(p, "mode");
  const name = nameFromPath ?? p.name;
  if (name !== undefined && name !== null && typeof name !== "string") throw new BadInputError("name must be a string");
  return {
    name: name ?? "",
    mode: mode?.toLowerCase() ?? null,
    type: (stringParam(p, "type") ?? stringParam(p, "legacy_type"))?.toLowerCase() ?? null,
    clientData: p.client_data ?? null,
    metadata: p.metadata ?? null,
    firesAt: timeParam(p, "fires_at") ?? null,
    retry: intParam(p, "retry") ?? null,
    retryInterval: intParam(p, "retry_interval") ?? null,
    clientId: stringParam(p, "client_id") ?? null,
    parentLinkId: stringParam(p, "parent_link_id") ?? null,
  };
}

/** The legacy envelope: {"args": {...}} carries what newer clients send at the top level. */
export function unwrapArgs(params: Params): Params {
  const args = params.args;
  if (args === undefined || args === null) return params;
  if (!isJsonObject(args)) throw new BadInputError("args must be a JSON object");
  const { args: _args, ...rest } = params;
  return { ...args, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null)) };
}
