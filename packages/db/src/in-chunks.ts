// Statements that take a list (the children of one addChildren, the nodes one pass starts) run on at
// most ROWS_PER_STATEMENT rows at a time, one after the other in the caller's transaction: still all
// or nothing, in the list's order, but a 10,000-node list no longer makes one 10,000-row parameter
// and one 10,000-row answer that the server holds, parsed, all at once.
export const ROWS_PER_STATEMENT = 1000;

/** Runs `statement` on consecutive slices of `items` and concatenates its answers, in order. */
export async function inChunks<T, R>(items: T[], statement: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  if (items.length <= ROWS_PER_STATEMENT) return statement(items);
  const answers: R[] = [];
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) {
    for (const answer of await statement(items.slice(start, start + ROWS_PER_STATEMENT))) answers.push(answer);
  }
  return answers;
}
