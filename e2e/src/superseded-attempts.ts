// A node that is retried (its delivery timed out on a loaded machine, its handler failed while the
// database was away) starts over: the children its earlier attempt added are deactivated (reference
// §3.10, RetryNode) and the new attempt adds its own. The tests' clients key every addChildren with
// `${parentId}:${attempt}` (the SDK adds `:${n}`), so each child says which attempt of its parent
// made it. This checks that the live tree is exactly the current attempts' children, and that only
// superseded attempts' children are deactivated, never completed and never run.

/** SELECT it on the test's database: one row per child node. */
export const CHILD_ATTEMPTS_SQL = `
  SELECT c.id::text AS id, c.parent_id::text AS "parentId", c.server_status AS "serverStatus",
    p.attempt AS "parentAttempt", split_part(c.idempotency_key, ':', 2) AS "madeOnAttempt",
    (SELECT count(*)::int FROM status_changes s
     WHERE s.node_id = c.id AND s.status_type = 'server' AND s.to_status = 'complete') AS completes
  FROM nodes c JOIN nodes p ON p.id = c.parent_id
  ORDER BY c.seq`;

export type ChildAttemptRow = {
  id: string;
  parentId: string;
  serverStatus: string;
  parentAttempt: number;
  /** The parent's attempt that added it ("" when it was added without a key). */
  madeOnAttempt: string;
  completes: number;
};

export type SupersededReport = {
  /** Deactivated children, all of superseded attempts. */
  superseded: number;
  /** Parents that were retried after adding children. */
  retriedParents: number;
  /** Everything that breaks the rule (empty when the tree is right). */
  violations: string[];
};

/**
 * `parentIds`: the nodes that add children (the signals), each adding `liveChildrenPerParent` per
 * attempt. `ran`: the node ids a client ran (a superseded child must not be among them), if known.
 */
export function checkSupersededAttempts(
  rows: ChildAttemptRow[],
  parentIds: Iterable<string>,
  liveChildrenPerParent: number,
  ran?: ReadonlySet<string>,
): SupersededReport {
  const violations: string[] = [];
  const live = new Map<string, number>([...parentIds].map((id) => [id, 0]));
  const retried = new Set<string>();
  for (const r of rows) {
    const madeOn = r.madeOnAttempt === "" ? NaN : Number(r.madeOnAttempt);
    if (!Number.isInteger(madeOn)) {
      violations.push(`child ${r.id} has no attempt in its idempotency key`);
      continue;
    }
    if (!live.has(r.parentId)) violations.push(`child ${r.id} has an unexpected parent ${r.parentId}`);
    if (r.serverStatus !== "deactivated") {
      live.set(r.parentId, (live.get(r.parentId) ?? 0) + 1);
      if (madeOn !== r.parentAttempt)
        violations.push(`child ${r.id} of attempt ${madeOn} is live, its parent is on attempt ${r.parentAttempt}`);
      continue;
    }
    retried.add(r.parentId);
    if (madeOn >= r.parentAttempt)
      violations.push(`child ${r.id} of the current attempt ${madeOn} of its parent is deactivated`);
    if (r.completes > 0) violations.push(`deactivated child ${r.id} had completed`);
    if (ran?.has(r.id)) violations.push(`deactivated child ${r.id} was run`);
  }
  for (const [parentId, n] of live) {
    if (n !== liveChildrenPerParent)
      violations.push(`parent ${parentId} has ${n} live children, not ${liveChildrenPerParent}`);
  }
  const superseded = rows.filter((r) => r.serverStatus === "deactivated").length;
  return { superseded, retriedParents: retried.size, violations };
}
