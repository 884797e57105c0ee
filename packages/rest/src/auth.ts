// Who is calling (reference §7.1, made strict): `Authorization: Token token="<client token>"` (or
// `Bearer <token>`), looked up by its hash exactly as GraphQL does (engine.authenticate). `Client-Id`,
// if sent, must be that client's id: the id alone is never a credential. Only client tokens.
import type { Caller, Engine } from "@backbeat/engine";
import type { RequestHandler, Response } from "express";
import { UnauthorizedError } from "./errors.ts";

/** Pushes to a client of this API may take this long (at least): its app runs the node inside the request. */
export const REST_PUSH_TIMEOUT_SECONDS = 60;

const TOKEN = /^Token[ \t]+token=(?:"([^"]*)"|([^\s,]+))[ \t]*$/i;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const MAX_TOKEN_LENGTH = 512;

export function tokenOf(header: string | undefined): string | null {
  if (!header) return null;
  const token = TOKEN.exec(header);
  const value = token ? (token[1] ?? token[2]) : BEARER.exec(header)?.[1];
  return value && value.length <= MAX_TOKEN_LENGTH ? value : null;
}

export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

export function authenticate(engine: Engine): RequestHandler {
  return async (req, res, next) => {
    const token = tokenOf(req.header("authorization"));
    const client = token ? await engine.authenticate(token) : null;
    const claimed = req.header("client-id");
    if (!client || (claimed !== undefined && claimed.trim().toLowerCase() !== client.id)) throw new UnauthorizedError();
    if (client.pushTimeoutSeconds === null) {
      // Never shorter than what every client gets (BACKBEAT_HTTP_TIMEOUT_MS may be set above 60 s).
      const engineSeconds = Math.ceil(engine.context.config.httpTimeoutMs / 1000);
      await engine.defaultPushTimeout(client.id, Math.min(3600, Math.max(REST_PUSH_TIMEOUT_SECONDS, engineSeconds)));
    }
    res.locals.caller = { kind: "client", clientId: client.id } satisfies Caller;
    next();
  };
}
