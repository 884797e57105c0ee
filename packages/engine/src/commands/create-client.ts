// Registers a client application. The token is returned once and stored only as a SHA-256 hash.
import { createHash, randomBytes } from "node:crypto";
import { assertName, BadInputError, ConflictError } from "@backbeat/core";
import { findClientByName, insertClient, type ClientRecord } from "@backbeat/db";
import type { EngineContext } from "../context.ts";

export type CreateClientInput = {
  name: string;
  activityEndpoint?: string | null;
  decisionEndpoint?: string | null;
  notificationEndpoint?: string | null;
};

export type ClientCredentials = { client: ClientRecord; token: string };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function endpoint(value: string | null | undefined, field: string): string | null {
  if (value == null || value === "") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadInputError(`${field} is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BadInputError(`${field} must be an http(s) URL`);
  return url.toString();
}

export async function createClient(ctx: EngineContext, input: CreateClientInput): Promise<ClientCredentials> {
  assertName(input.name);
  const fields = {
    name: input.name,
    activityEndpoint: endpoint(input.activityEndpoint, "activityEndpoint"),
    decisionEndpoint: endpoint(input.decisionEndpoint, "decisionEndpoint"),
    notificationEndpoint: endpoint(input.notificationEndpoint, "notificationEndpoint"),
  };
  if (await findClientByName(ctx.sql, input.name))
    throw new ConflictError(`A client named ${input.name} exists already`);
  const token = randomBytes(32).toString("base64url");
  const client = await insertClient(ctx.sql, {
    ...fields,
    tokenHash: hashToken(token),
    signingSecret: randomBytes(32).toString("base64url"),
  });
  return { client, token };
}
