// Statements a connection is given in one turn of the event loop leave in one write to the socket.
// node-postgres writes each statement on its own (pipeline mode included): a system call each, ~70 µs
// on this 2-core machine, and each a wake-up of the backend. A transaction's first statements (BEGIN
// and the ones sent right behind it) and its last ones (COMMIT and those sent ahead) went as 3–5
// writes; now as one. The socket is corked at the first statement and uncorked once the turn's
// synchronous work and promise callbacks are done (process.nextTick), so nothing waits longer.
import type pg from "pg";

type WithStream = { connection?: { stream?: { cork?: () => void; uncork?: () => void } } };

export function oneWritePerTurn(client: pg.Client): void {
  const stream = (client as unknown as WithStream).connection?.stream;
  if (!stream?.cork || !stream.uncork) return;
  const uncork = () => {
    corked = false;
    stream.uncork!();
  };
  let corked = false;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    if (!corked) {
      corked = true;
      stream.cork!();
      process.nextTick(uncork);
    }
    return query(...args);
  };
}
