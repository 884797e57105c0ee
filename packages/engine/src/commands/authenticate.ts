import { findClientByTokenHash, type ClientRecord } from "@backbeat/db";
import type { EngineContext } from "../context.ts";
import { hashToken } from "./create-client.ts";

/** The client a bearer token belongs to, or null. */
export function authenticateClient(ctx: EngineContext, token: string): Promise<ClientRecord | null> {
  return findClientByTokenHash(ctx.sql, hashToken(token));
}
