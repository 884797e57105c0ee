// Core's status lists in SQL: rendered as literals (not bound parameters), so the planner sees the
// same text as a partial index's predicate (status-sql.test.ts checks those against the migrations),
// and checked against core's vocabulary so nothing but a known status name is ever spliced in.
import {
  AWAITING_CLIENT_CLIENT_STATUSES,
  AWAITING_CLIENT_SERVER_STATUS,
  FINISHED_SERVER_STATUSES,
  canTransitionClient,
  canTransitionServer,
  isClientStatus,
  isNodeMode,
  isServerStatus,
  type NodeMode,
  type ClientStatus,
  type ServerStatus,
  type StatusType,
} from "@backbeat/core";
import { raw, sql, type SqlFragment } from "./sql.ts";

function literal(status: string): string {
  if (!isServerStatus(status) && !isClientStatus(status)) throw new Error(`not a status: ${JSON.stringify(status)}`);
  return `'${status}'`;
}

/** `'a', 'b'`: a list for `IN (…)`. */
export function statusList(statuses: readonly (ServerStatus | ClientStatus)[]): SqlFragment {
  return raw(statuses.map(literal).join(", "));
}

/** A node mode as a literal. */
export function modeLiteral(mode: NodeMode): SqlFragment {
  if (!isNodeMode(mode)) throw new Error(`not a node mode: ${JSON.stringify(mode)}`);
  return raw(`'${mode}'`);
}

/** One status as a literal. */
export function statusLiteral(status: ServerStatus | ClientStatus): SqlFragment {
  return raw(literal(status));
}

const column = (alias: string, name: string) => raw(alias ? `${alias}.${name}` : name);

/** Core's isFinished negated, on the nodes row `alias` (none: unqualified). */
export function unfinishedSql(alias = ""): SqlFragment {
  return sql`${column(alias, "server_status")} NOT IN (${statusList(FINISHED_SERVER_STATUSES)})`;
}

// For statements that find their rows by key (id = ANY(…)): the statuses they compare are read
// through a sub-select (an InitPlan), so the planner cannot tell that a partial index's predicate
// holds, and does not scan that index for the rows instead of looking them up. Those indexes'
// size statistics lag a fan-out by thousands of rows; a 20-node report read a thousand entries of
// nodes_deadline_idx, and the lock read before it every unfinished node (bulk-statement-plans.test.ts).

/** `<alias>.<column> = '<status>'`, hidden from partial-index matching (see above). */
export function statusIsByKey(
  alias: string,
  name: "server_status" | "client_status",
  status: ServerStatus | ClientStatus,
): SqlFragment {
  return sql`${column(alias, name)} = (SELECT ${statusLiteral(status)}::text)`;
}

/** unfinishedSql, hidden from partial-index matching (see above). */
export function unfinishedByKeySql(alias: string): SqlFragment {
  return sql`${column(alias, "server_status")} NOT IN (SELECT unnest(ARRAY[${statusList(FINISHED_SERVER_STATUSES)}]))`;
}

/** Core's isAwaitingClient, on the nodes row `alias` (none: unqualified). */
export function awaitingClientSql(alias = ""): SqlFragment {
  return sql`${column(alias, "server_status")} = ${statusLiteral(AWAITING_CLIENT_SERVER_STATUS)} AND ${column(alias, "client_status")} IN (${statusList(AWAITING_CLIENT_CLIENT_STATUSES)})`;
}

/**
 * For bulk writers whose WHERE clause is the compare-and-set: fails at load time if the tables no
 * longer allow every `from → to` the statement writes.
 */
export function assertBulkTransitions(type: StatusType, from: readonly string[], to: string): void {
  const allowed =
    type === "server"
      ? (f: string) => isServerStatus(f) && isServerStatus(to) && canTransitionServer(f, to)
      : (f: string) => isClientStatus(f) && isClientStatus(to) && canTransitionClient(f, to);
  const refused = from.filter((f) => !allowed(f));
  if (refused.length > 0) {
    throw new Error(`the ${type} transition table no longer allows ${refused.join(", ")} → ${to}`);
  }
}
