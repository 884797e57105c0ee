// What every resolver gets: who is asking (as the engine's Caller, as the read queries' scope and,
// for operators, with their role) and the engine (commands, and its pg pool for reads).
import type { OperatorRole, ReadScope } from "@backbeat/db";
import type { Caller, Engine, PullDispatcher, StatusFeed } from "@backbeat/engine";

/** An operator: the built-in admin (admin token, id "admin") or a signed-in operator. */
export type OperatorPrincipal = {
  id: string;
  login: string;
  role: OperatorRole;
  createdAt: Date;
  /** SHA-256 of the session token the request came with; null for the admin token. */
  sessionHash: string | null;
};

/** Who a token belongs to. "anonymous" is only ever built for a request that is just signIn. */
export type Identity =
  { kind: "client"; clientId: string } | { kind: "operator"; operator: OperatorPrincipal } | { kind: "anonymous" };

/** What signIn needs to know about this server. */
export type AuthSettings = { adminToken: string | null; sessionHours: number };

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { adminToken: null, sessionHours: 12 };

export type ApiContext = {
  caller: Caller;
  /** Null for clients (and the anonymous signIn request). */
  operator: OperatorPrincipal | null;
  scope: ReadScope;
  engine: Engine;
  auth: AuthSettings;
  /** The audit-log tail behind nodeEvents (null where subscriptions are not served). */
  feed: StatusFeed | null;
  /** Pull delivery behind nodesToRun (null where subscriptions are not served). */
  pull: PullDispatcher | null;
};

/** What serves subscriptions in this process. */
export type Subscriptions = { feed: StatusFeed; pull: PullDispatcher };

/** A client id that matches nothing: the anonymous request sees no rows and owns none. */
const NOBODY = "00000000-0000-0000-0000-000000000000";

function callerOf(identity: Identity): Caller {
  switch (identity.kind) {
    case "client":
      return identity;
    case "operator":
      return { kind: "operator", name: identity.operator.login };
    case "anonymous":
      return { kind: "client", clientId: NOBODY };
  }
}

export function contextFor(
  engine: Engine,
  identity: Identity,
  subscriptions: Subscriptions | null = null,
  auth: AuthSettings = DEFAULT_AUTH_SETTINGS,
): ApiContext {
  const caller = callerOf(identity);
  return {
    engine,
    caller,
    operator: identity.kind === "operator" ? identity.operator : null,
    auth,
    feed: subscriptions?.feed ?? null,
    pull: subscriptions?.pull ?? null,
    scope: { clientId: caller.kind === "client" ? caller.clientId : null },
  };
}
