// Per-node values for a bulk UPDATE, as one jsonb object keyed by node id: each row reads its own
// with `$values -> nodes.id::text`, a lookup by key in the parameter. A join with the values as a
// set (jsonb_to_recordset) leaves the join order to the planner, whose statistics are stale for
// any status, and it looped over the whole set once per node: 1,000 × 1,000 rows for a fan-out's
// send (bulk-statement-plans.test.ts).
export function valuesById<T extends { id: string }>(items: T[], value: (item: T) => unknown): string {
  const values: Record<string, unknown> = {};
  for (const item of items) values[item.id] = value(item);
  return JSON.stringify(values);
}
