// Pull claims in batches: which server process hands a pulled node to a worker is decided by a
// session-level advisory lock on (node, attempt), held on that process's one lock connection (a
// dead process's connection closes, and its claims are free again). One statement lists a
// client's waiting nodes, tries the lock on each, and reads the claimed ones again with a fresh
// snapshot, since one may have moved on between the statement's snapshot and its lock (its claim
// is then given back).
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
 * so, after a failed lock, is what other processes hold. Each claim comes with its node as it is
 * after the lock (absent if it is gone), read in the same statement through backbeat_nodes_now:
 * one round trip per fill. `release` is given back first, in the same statement too.
 */
export async function claimPullNodes(
  conn: Sql,
  client: { id: string; decisionEndpoint: string | null },
  held: string[],
  limit: number,
  release: PullClaim[] = [],
): Promise<{ claims: PullClaim[]; nodes: Map<string, PulledNode> }> {
  // Only what core's deliveryRoute leaves to pull workers (a decision goes to a decision endpoint).
  const types = pulledNodeTypes({ activityEndpoint: null, decisionEndpoint: client.decisionEndpoint });
  const rows = await query<Record<string, unknown>>(
    conn,
    sql`
    WITH released AS MATERIALIZED (
      SELECT pg_advisory_unlock(${raw(CLAIM_KEY("r.id", "r.attempt"))})
      FROM unnest(${release.map((c) => c.nodeId)}::uuid[], ${release.map((c) => c.attempt)}::int[]) AS r(id, attempt)),
    c AS MATERIALIZED (
      SELECT n.id, n.attempt FROM nodes n
      WHERE n.client_id = ${client.id}::uuid AND ${awaitingClientSql("n")}
        AND NOT (n.id = ANY(${held}::uuid[]))
        AND n.type = ANY(${types}::text[])
      ORDER BY n.seq LIMIT ${limit * 4 + 100}),
    -- Rows are pulled through the filter one at a time, in order, until the limit: candidates past
    -- it are never locked. Those other processes hold fail the lock and are skipped.
    claimed AS MATERIALIZED (
      SELECT c.id, c.attempt FROM c
      WHERE (SELECT count(*) FROM released) >= 0 AND pg_try_advisory_lock(${raw(CLAIM_KEY("c.id", "c.attempt"))})
      LIMIT ${limit})
    SELECT claimed.id::text AS "claimedId", claimed.attempt AS "claimedAttempt", n.id IS NOT NULL AS "found",
      ${NODE_COLUMNS}, ${PULLED_WORKFLOW}
    FROM claimed
    LEFT JOIN backbeat_nodes_now(ARRAY(SELECT id FROM claimed)) n ON n.id = claimed.id
    LEFT JOIN workflows w ON w.id = n.workflow_id`,
  );
  const claims: PullClaim[] = [];
  const nodes = new Map<string, PulledNode>();
  for (const { claimedId, claimedAttempt, found, ...row } of rows) {
    claims.push({ nodeId: claimedId as string, attempt: claimedAttempt as number });
    if (found) nodes.set(claimedId as string, toPulledNode(row));
  }
  return { claims, nodes };
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

/**
 * Locks these claims on this connection, for nodes a transaction of this process is sending to
 * pull clients (no read: the sender has the rows): sent beside its COMMIT, so the nodes can go to
 * this process's workers as soon as it lands. Returns the claims it locked; the caller gives them
 * back if the transaction did not commit. A lock this connection holds already is taken once more
 * (advisory locks count), so each claim returned is given back once.
 */
export async function lockPullClaims(conn: Sql, claims: PullClaim[]): Promise<PullClaim[]> {
  if (claims.length === 0) return [];
  const rows = await query<{ nodeId: string; attempt: number }>(
    conn,
    sql`
    SELECT c.id::text AS "nodeId", c.attempt FROM unnest(${claims.map((c) => c.nodeId)}::uuid[], ${claims.map((c) => c.attempt)}::int[]) AS c(id, attempt)
    WHERE pg_try_advisory_lock(${raw(CLAIM_KEY("c.id", "c.attempt"))})`,
  );
  return rows.map((r) => ({ nodeId: r.nodeId, attempt: r.attempt }));
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

/** The workflow a pulled node carries, when its client may read it (delegation.ts). */
const PULLED_WORKFLOW = sql`CASE WHEN ${NODE_CLIENT_SEES_WORKFLOW} THEN json_build_object(
      'id', w.id, 'clientId', w.client_id, 'name', w.name, 'decider', w.decider, 'subject', w.subject,
      'complete', w.complete, 'paused', w.paused, 'createdAt', w.created_at, 'updatedAt', w.updated_at) END AS "pulledWorkflow"`;

function toPulledNode(row: Record<string, unknown>): PulledNode {
  const { pulledWorkflow, ...rest } = row;
  const node: PulledNode = toNodeRecord(rest);
  if (pulledWorkflow) node.workflow = toWorkflowRecord(pulledWorkflow as Record<string, unknown>);
  return node;
}

/** The nodes as they are now, with their workflows: a claim holds while its attempt waits for (or is run by) the client. */
export async function readPulledNodes(db: Sql, ids: string[]): Promise<Map<string, PulledNode>> {
  if (ids.length === 0) return new Map();
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS}, ${PULLED_WORKFLOW}
    FROM nodes n JOIN workflows w ON w.id = n.workflow_id WHERE n.id = ANY(${ids}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id as string, toPulledNode(row)]));
}
