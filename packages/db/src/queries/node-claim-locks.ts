// Which server process hands a pulled node to a worker: a session-level advisory lock on
// (node, attempt), held on one dedicated connection per process. Whoever holds it delivers the
// node; if that process dies, its connection closes and the lock is free for another process.
import { query, sql, type Sql } from "../sql.ts";

function key(nodeId: string, attempt: number) {
  // 64 bits of md5: collisions between live claims are practically impossible.
  return sql`('x' || substr(md5(${`${nodeId}:${attempt}`}), 1, 16))::bit(64)::bigint`;
}

export async function tryClaimLock(conn: Sql, nodeId: string, attempt: number): Promise<boolean> {
  const [row] = await query<{ ok: boolean }>(conn, sql`SELECT pg_try_advisory_lock(${key(nodeId, attempt)}) AS ok`);
  return row!.ok;
}

export async function releaseClaimLock(conn: Sql, nodeId: string, attempt: number): Promise<void> {
  await query(conn, sql`SELECT pg_advisory_unlock(${key(nodeId, attempt)}) AS ok`);
}
