// Fan-in for the PostgreSQL job queues, which have no parent/child jobs: a counter row per parent
// (how many children are still running), decremented by each child; the last child of a branch
// decrements its parent's row in turn, and the last one of the root enqueues the "done" job.
// This is what a user of graphile-worker or pg-boss writes by hand for Backbeat's non-blocking children.

export const FANIN_TABLE_SQL = `CREATE TABLE IF NOT EXISTS bench_fanin (
  id text PRIMARY KEY,
  remaining int NOT NULL,
  parent text,
  key text NOT NULL
)`;

type Query = (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Registers a parent with `children` outstanding children (before they are enqueued). */
export async function openCounter(query: Query, id: string, children: number, key: string, parent: string | null) {
  await query("INSERT INTO bench_fanin (id, remaining, parent, key) VALUES ($1, $2, $3, $4)", [
    id,
    children,
    parent,
    key,
  ]);
}

/** One child of `id` finished; returns the run key when the whole tree has (enqueue "done" then). */
export async function childFinished(query: Query, id: string): Promise<string | null> {
  let counter: string | null = id;
  while (counter !== null) {
    const { rows } = await query(
      "UPDATE bench_fanin SET remaining = remaining - 1 WHERE id = $1 RETURNING remaining, parent, key",
      [counter],
    );
    const row = rows[0] as { remaining: number; parent: string | null; key: string } | undefined;
    if (!row) throw new Error(`no fan-in counter ${counter}`);
    if (row.remaining > 0) return null;
    if (row.parent === null) return row.key;
    counter = row.parent;
  }
  return null;
}
