// Outbound HTTP work (deliveries, notifications). A call is claimed with a lease and sent with no
// transaction open; an expired lease means its sender died, and another engine takes it over.
import { WAKE_CHANNEL } from "./jobs.ts";
import { query, execute, sql, type Sql, type SqlTx } from "../sql.ts";

/** The payload of a wake for new outbound calls. */
export const OUTBOUND_WAKE = "outbound";

export type OutboundKind = "deliver" | "notify";
export type OutboundCallRow = {
  id: bigint;
  kind: OutboundKind;
  nodeId: string;
  attempt: number;
  payload: unknown;
  tries: number;
  /** When the call became due: the dispatch latency metric counts from here. */
  runAt: Date;
  /** Until when this engine holds the call (null: not leased). */
  leasedUntil: Date | null;
  /** In memory only: the request, when the transaction that queued the call already built it. */
  prepared?: PreparedRequest;
};

/** `timeoutMs`: the client's own push timeout, when it has one. */
/** `traceparent`: the node's (tracing on), which the POST carries. */
export type PreparedRequest = {
  url: string;
  body: unknown;
  secret: string;
  timeoutMs?: number;
  traceparent?: string | null;
};

/** `leaseTo`: the engine that will send it right after commit (others leave it alone meanwhile). */
export async function insertOutboundCall(
  tx: SqlTx,
  call: { kind: OutboundKind; nodeId: string; attempt?: number; payload?: unknown; runAt: Date },
  leaseTo?: { owner: string; until: Date },
): Promise<OutboundCallRow> {
  const rows = await query<{ id: bigint }>(
    tx,
    sql`
    WITH c AS (
      INSERT INTO outbound_calls (kind, node_id, attempt, payload, run_at, locked_by, locked_until, tries)
      VALUES (${call.kind}, ${call.nodeId}::uuid, ${call.attempt ?? 0}, ${JSON.stringify(call.payload ?? {})}::jsonb,
              ${call.runAt}, ${leaseTo?.owner ?? null}, ${leaseTo?.until ?? null}, ${leaseTo ? 1 : 0})
      RETURNING id)
    SELECT id, pg_notify(${WAKE_CHANNEL}, ${OUTBOUND_WAKE})::text FROM c`,
  );
  const id = rows[0]!.id;
  return {
    id,
    kind: call.kind,
    nodeId: call.nodeId,
    attempt: call.attempt ?? 0,
    payload: call.payload ?? {},
    tries: leaseTo ? 1 : 0,
    runAt: call.runAt,
    leasedUntil: leaseTo?.until ?? null,
  };
}

/** Takes up to `limit` due calls whose lease is free or expired, leasing them until `until`. */
export async function claimOutboundCalls(
  db: Sql,
  owner: string,
  now: Date,
  until: Date,
  limit: number,
): Promise<OutboundCallRow[]> {
  return query<OutboundCallRow>(
    db,
    sql`
    UPDATE outbound_calls SET locked_by = ${owner}, locked_until = ${until}, tries = tries + 1
    WHERE id IN (
      SELECT id FROM outbound_calls WHERE run_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
      ORDER BY run_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, node_id::text AS "nodeId", attempt, payload, tries, run_at AS "runAt",
      locked_until AS "leasedUntil"`,
  );
}

/** Settles a call, only while its lease is still ours (a lost lease means another engine has it). */
export async function deleteOutboundCall(tx: Sql, id: bigint, owner: string): Promise<boolean> {
  const n = await execute(tx, sql`DELETE FROM outbound_calls WHERE id = ${id} AND locked_by = ${owner}`);
  return n > 0;
}

export async function deleteOutboundCalls(db: Sql, ids: bigint[], owner: string): Promise<void> {
  await execute(db, sql`DELETE FROM outbound_calls WHERE id = ANY(${ids}::bigint[]) AND locked_by = ${owner}`);
}

/** Holds the lease longer (a client with a long push timeout), only while it is still ours. */
export async function extendOutboundLease(db: Sql, id: bigint, owner: string, until: Date): Promise<boolean> {
  const n = await execute(
    db,
    sql`UPDATE outbound_calls SET locked_until = GREATEST(locked_until, ${until}) WHERE id = ${id} AND locked_by = ${owner}`,
  );
  return n > 0;
}

export async function retryOutboundCall(db: Sql, id: bigint, owner: string, runAt: Date, error: string): Promise<void> {
  await execute(
    db,
    sql`
    UPDATE outbound_calls SET run_at = ${runAt}, locked_by = NULL, locked_until = NULL, last_error = ${error}
    WHERE id = ${id} AND locked_by = ${owner}`,
  );
}

/** Many deliveries at once, leased to the engine that sends them right after commit. */
export async function insertDeliveries(
  tx: SqlTx,
  calls: { nodeId: string; attempt: number; prepared?: PreparedRequest }[],
  runAt: Date,
  leaseTo: { owner: string; until: Date },
): Promise<OutboundCallRow[]> {
  if (calls.length === 0) return [];
  const payload = JSON.stringify(calls.map((c) => ({ node_id: c.nodeId, attempt: c.attempt })));
  const rows = await query<{ id: bigint }>(
    tx,
    sql`
    WITH c AS (
      INSERT INTO outbound_calls (kind, node_id, attempt, run_at, locked_by, locked_until, tries)
      SELECT 'deliver', (e->>'node_id')::uuid, (e->>'attempt')::int, ${runAt}, ${leaseTo.owner}, ${leaseTo.until}, 1
      FROM jsonb_array_elements(${payload}::jsonb) WITH ORDINALITY AS x(e, ord)
      ORDER BY x.ord
      RETURNING id)
    SELECT id, pg_notify(${WAKE_CHANNEL}, ${OUTBOUND_WAKE})::text FROM c ORDER BY id`,
  );
  return calls.map((c, i) => ({
    id: rows[i]!.id,
    kind: "deliver" as const,
    nodeId: c.nodeId,
    attempt: c.attempt,
    payload: {},
    tries: 1,
    runAt,
    leasedUntil: leaseTo.until,
    prepared: c.prepared,
  }));
}
