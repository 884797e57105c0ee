// Runs one event in one database transaction: everything it changes commits together, or nothing
// does. Deadlocks and serialization failures are retried; so is a lost connection as long as COMMIT
// was not sent (nothing can have been committed), with back-off while the database is away.
// Outbound calls leave only after commit.
import type pg from "pg";
import { DatabaseUnavailableError } from "@backbeat/core";
import {
  attachTraceparent,
  attachTransitionTally,
  enqueuePasses,
  isConnectionError,
  RECONNECT_PATIENCE_MS,
  reconnectDelayMs,
  TransitionTally,
} from "@backbeat/db";
import type { EngineContext, TxContext } from "./context.ts";
import type { EngineEvents } from "./engine-events.ts";
import { PullOffer } from "./live/pull-hand-off.ts";
import { activeTraceparent } from "./tracing.ts";

const TRANSIENT_CODES = new Set(["40P01", "40001"]);
const MAX_TRANSIENT_RETRIES = 5;

export function isTransientDbError(error: unknown): boolean {
  return TRANSIENT_CODES.has((error as { code?: string } | null)?.code ?? "");
}

export async function inTransaction<T>(ctx: EngineContext, fn: (t: TxContext) => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + RECONNECT_PATIENCE_MS;
  for (let attempt = 0, reconnects = 0; ;) {
    const outbound: TxContext["outbound"] = [];
    const passes: TxContext["passes"] = new Map();
    const sentToPull = new PullOffer();
    let handedOff: ((committed: boolean) => void) | undefined;
    const pipelined: Promise<unknown>[] = [];
    const sendAhead = (statement: Promise<unknown>) => {
      statement.catch(() => undefined); // awaited before COMMIT's answer; meanwhile not "unhandled"
      pipelined.push(statement);
    };
    let client: pg.PoolClient;
    try {
      client = await (ctx.sql as pg.Pool).connect();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      await waitForDatabase(ctx, error, reconnects++, giveUpAt);
      continue;
    }
    const tally = new TransitionTally();
    attachTransitionTally(client, tally);
    // Nodes created here belong to the active span's trace (tracing on).
    attachTraceparent(client, activeTraceparent());
    // pg-pool stops listening on a client it handed out: without this, the connection dying between
    // two statements (pg_terminate_backend, a restart) is an unhandled 'error' event, a process exit.
    let lost: unknown = null;
    const onError = (error: unknown) => (lost = error);
    client.on("error", onError);
    let broken = false;
    let commitSent = false;
    try {
      // Not waited for on its own: in pipeline mode BEGIN goes out at once and the first statement
      // right behind it, with no round trip between them. Its failure fails what follows too.
      const begun = client.query("BEGIN");
      begun.catch(() => undefined);
      const now = ctx.clock.now();
      const result = await fn({ ...ctx, tx: client, now, outbound, sentToPull, passes, sendAhead });
      await begun;
      // Last, so the pass rows stay locked (see enqueuePasses) for as short a time as possible.
      if (passes.size > 0) sendAhead(enqueuePasses(client, [...passes.values()], now));
      // A connection lost before this point refuses COMMIT without sending it: nothing committed.
      if (lost !== null) throw new DatabaseUnavailableError(false, { cause: lost });
      commitSent = true;
      // Pulled nodes go to this process's workers as COMMIT lands: their claims are locked meanwhile.
      if (sentToPull.perClient.size > 0) handedOff = ctx.pullHandOff.handOff?.(sentToPull);
      // COMMIT goes right behind the statements still under way (pipeline mode): no round trip of
      // their own. If one of them failed, COMMIT ended the transaction as ROLLBACK: its error is thrown.
      const commit = client.query("COMMIT");
      commit.catch(() => undefined);
      for (const statement of pipelined) await statement;
      if ((await commit).command !== "COMMIT") throw new Error("COMMIT was refused: the transaction rolled back");
      // Told once: what fails after the commit must not take back the nodes handed out.
      const committed = handedOff;
      handedOff = undefined;
      committed?.(true);
      reportTransitions(ctx.events, tally);
      if (outbound.length > 0) ctx.dispatch(outbound);
      return result;
    } catch (error) {
      // Not committed, or not known to be: the nodes wait for a fill (which finds them if it did commit).
      handedOff?.(false);
      const connectionLost = lost !== null || isConnectionError(error);
      if (connectionLost) broken = true;
      else
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
      if (connectionLost) {
        // After COMMIT was sent, it may have committed: running it again could do it twice.
        if (commitSent) throw new DatabaseUnavailableError(true);
        await waitForDatabase(ctx, lost ?? error, reconnects++, giveUpAt);
        continue;
      }
      if (attempt++ >= MAX_TRANSIENT_RETRIES || !isTransientDbError(error)) throw error;
    } finally {
      client.off("error", onError);
      attachTransitionTally(client, null);
      attachTraceparent(client, null);
      client.release(broken);
    }
  }
}

/** Back-off before trying a transaction again on a new connection; DATABASE_UNAVAILABLE once out of patience. */
async function waitForDatabase(ctx: EngineContext, error: unknown, reconnects: number, giveUpAt: number) {
  const delay = reconnectDelayMs(reconnects, ctx.random);
  if (Date.now() + delay > giveUpAt) throw new DatabaseUnavailableError();
  if (reconnects === 0) ctx.log("warn", "database connection lost: retrying the transaction", { error: String(error) });
  await new Promise((resolve) => setTimeout(resolve, delay));
}

/** One event per (status type, target status) the committed transaction wrote. */
function reportTransitions(events: EngineEvents, tally: TransitionTally): void {
  for (const [to, count] of tally.server) events.emit("transitions", { statusType: "server", to, count });
  for (const [to, count] of tally.client) events.emit("transitions", { statusType: "client", to, count });
}
