import { findClientByTokenHash, type ClientRecord } from "@backbeat/db";
import type { EngineContext } from "../context.ts";
import { hashToken } from "./create-client.ts";

/**
 * How long a token found valid is trusted without asking the database again: workers send an
 * operation every few milliseconds, each checked. Client tokens cannot be revoked today; when they
 * can, this is the bound on how long a revoked one still works (docs/graphql-api.md, "Authentication").
 */
export const CLIENT_TOKEN_TTL_MS = 5_000;
const MAX_CACHED_TOKENS = 10_000;

type TokenCache = Map<string, { client: ClientRecord; until: number }>;
const caches = new WeakMap<EngineContext, TokenCache>();

/** The client a bearer token belongs to, or null. */
export async function authenticateClient(ctx: EngineContext, token: string): Promise<ClientRecord | null> {
  const hash = hashToken(token);
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map() as TokenCache;
    caches.set(ctx, cache);
  }
  const now = ctx.clock.now().getTime();
  const hit = cache.get(hash);
  if (hit && hit.until > now) return hit.client;
  const client = await findClientByTokenHash(ctx.sql, hash);
  // Only valid tokens are kept (a flood of wrong ones cannot fill the cache), within a bound.
  if (client) {
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(hash, { client, until: now + CLIENT_TOKEN_TTL_MS });
  } else cache.delete(hash);
  return client;
}
