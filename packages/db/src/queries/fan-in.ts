// Fan-in without a pass per child: a non-blocking child that completes asks for its parent's pass
// only when no child the parent waits for is left. Siblings completing at the same time take turns
// on a transaction-scoped advisory lock per parent, so the last of them sees all the others
// complete: the check runs after the lock, with a snapshot of its own, inside the database function
// backbeat_parents_with_no_child_left (migration 20261207150000_fan_in_turns), which enqueuePasses
// (jobs.ts) calls in the statement that queues the passes. An advisory lock, not the parent's row
// lock: a running pass holds the parent's row and then waits for its job row, which this
// transaction may hold next.
import { sql, type SqlFragment } from "../sql.ts";

/** Advisory locks in this namespace (two-key form) are fan-in turns; the key is the parent's hash. */
const FAN_IN_LOCK_SPACE = 0x66616e; // "fan"

/**
 * A query (column `id`) for those of these parents with no unfinished child they wait for
 * (fire-and-forget ones excepted), taking their turns first: for a statement of the caller's.
 */
export function parentsWithNoChildLeftSql(parentIds: string[]): SqlFragment {
  const ids = [...new Set(parentIds)].sort();
  return sql`SELECT id FROM backbeat_parents_with_no_child_left(${ids}::uuid[], ${FAN_IN_LOCK_SPACE}::int) AS p(id)`;
}
