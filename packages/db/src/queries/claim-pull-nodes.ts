// Pull claims in batches: which server process hands a pulled node to a worker is decided by a
// session-level advisory lock on (node, attempt), held on that process's one lock connection (a
// dead process's connection closes, and its claims are free again). One
// statement lists a client's waiting nodes and tries the lock on each; a second one reads the
// claimed nodes again, since one may have moved on between the first statement's snapshot and its
// lock (its claim is then given back).
import { pulledNodeTypes, type NodeRecord, type WorkflowRecord } from "@backbeat/core";
import { query, raw, sql, type Sql } from "../sql.ts";
import { NODE_CLIENT_SEES_WORKFLOW } from "./delegation.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { toWorkflowRecord } from "./workflow-row.ts";
import { awaitingClientSql } from "../status-sql.ts";

export type PullClaim = { nodeId: string; attempt: number };

/** The lock key of a claim: 64 bits of md5("<node id>:<attempt>"); collisions between live claims are practically impossible. */
const CLAIM_KEY = (id: string, attempt: string) =>
  `('x' || substr(md5(${id}::text || ':' || ${attempt}::text), 1, 16))::bit(64)::bigint`;

/**
 * Up to `limit` nodes the client's workers may run (sent_to_client, received or processing), oldest
 * first, that this connection could lock; `held` (what this process holds already) is skipped, and
 * so, after a failed lock, is what other processes hold.
 */
export async function claimPullNodes(
  conn: Sql,
  client: { id: string; decisionEndpoint: string | null },
  held: string[],
  limit: number,
): Promise<PullClaim[]> {
  // Only what core's deliveryRoute leaves to pull workers (a decision goes to a decision endpoint).
  const types = pulledNodeTypes({ activityEndpoint: null, decisionEndpoint: client.decisionEndpoint });
  return query<PullClaim>(
    conn,
    sql`
    WITH c AS MATERIALIZED (
      SELECT n.id, n.attempt FROM nodes n
      WHERE n.client_id = ${client.id}::uuid AND ${awaitingClientSql("n")}
        AND NOT (n.id = ANY(${held}::uuid[]))
        AND n.type = ANY(${types}::text[])
      ORDER BY n.seq LIMIT ${limit * 4 + 100})
    -- Rows are pulled through the filter one at a time, in order, until the limit: candidates past
    -- it are never locked. Those other processes hold fail the lock and are skipped.
    SELECT c.id::text AS "nodeId", c.attempt FROM c WHERE pg_try_advisory_lock(${raw(CLAIM_KEY("c.id", "c.attempt"))})
    LIMIT ${limit}`,
  );
}

/** Dispatchers LISTEN here: a client's unfinished nodes were given back and may be taken (payload: the client id). */
export const PULL_CHANNEL = "backbeat_pull";

/** This connection hears PULL_CHANNEL from now on. */
export async function listenForReleasedClaims(conn: Sql): Promise<void> {
  await query(conn, raw(`LISTEN ${PULL_CHANNEL}`));
}

/** Tells every process's dispatcher (at once, not at its next sweep) that a client's nodes were given back. */
export async function announceReleasedClaims(conn: Sql, clientId: string): Promise<void> {
  await query(conn, sql`SELECT pg_notify(${PULL_CHANNEL}, ${clientId})`);
}

/** Gives claims back (a node finished, moved on, or its subscription ended). */
export async function releasePullClaims(conn: Sql, claims: PullClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await query(
    conn,
    sql`
    SELECT pg_advisory_unlock(${raw(CLAIM_KEY("c.id", "c.attempt"))})
    FROM unnest(${claims.map((c) => c.nodeId)}::uuid[], ${claims.map((c) => c.attempt)}::int[]) AS c(id, attempt)`,
  );
}

export type PulledNode = NodeRecord & {
  /** Its workflow, when the node's client may read it (its own, or delegated to it: delegation.ts). */
  workflow?: WorkflowRecord;
};

/** The nodes as they are now, with their workflows: a claim holds while its attempt waits for (or is run by) the client. */
export async function readPulledNodes(db: Sql, ids: string[]): Promise<Map<string, PulledNode>> {
  if (ids.length === 0) return new Map();
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS}, CASE WHEN ${NODE_CLIENT_SEES_WORKFLOW} THEN json_build_object(
      'id', w.id, 'clientId', w.client_id, 'name', w.name, 'decider', w.decider, 'subject', w.subject,
      'complete', w.complete, 'paused', w.paused, 'createdAt', w.created_at, 'updatedAt', w.updated_at) END AS "pulledWorkflow"
    FROM nodes n JOIN workflows w ON w.id = n.workflow_id WHERE n.id = ANY(${ids}::uuid[])`,
  );
  return new Map(
    rows.map((row) => {
      const { pulledWorkflow, ...rest } = row;
      const node: PulledNode = toNodeRecord(rest);
      if (pulledWorkflow) node.workflow = toWorkflowRecord(pulledWorkflow as Record<string, unknown>);
      return [node.id, node];
    }),
  );
}
