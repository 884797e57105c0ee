// Every query talks to PostgreSQL through node-postgres (Prisma only authors the migrations):
// measured here, a Prisma $queryRaw round trip costs ~1 ms of CPU against ~0.1 ms for pg. Queries
// are tagged templates, so values are always bound parameters; the only text spliced in is
// trusted text through raw() (column lists, keywords, and core's status names: status-sql.ts).
import { createHash } from "node:crypto";
import { DatabaseUnavailableError } from "@backbeat/core";
import pg from "pg";
import { isConnectionError, whileRefused } from "./connection-errors.ts";
import { oneWritePerTurn } from "./one-write-per-turn.ts";

export { isConnectionError, isConnectRefused, reconnectDelayMs, RECONNECT_PATIENCE_MS } from "./connection-errors.ts";

export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment(strings, values);
}

/** Trusted SQL text (column lists, keywords), never user input. */
export function raw(text: string): SqlFragment {
  return new SqlFragment([text], []);
}

export const empty = raw("");

export function join(parts: SqlFragment[], separator = ", "): SqlFragment {
  if (parts.length === 0) return empty;
  const strings = ["", ...parts.slice(1).map(() => separator), ""];
  return new SqlFragment(strings, parts);
}

function compile(fragment: SqlFragment): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const walk = (f: SqlFragment): string => {
    let text = f.strings[0] ?? "";
    f.values.forEach((v, i) => {
      text += v instanceof SqlFragment ? walk(v) : `$${values.push(v)}`;
      text += f.strings[i + 1] ?? "";
    });
    return text;
  };
  return { text: walk(fragment), values };
}

/** A pool or a checked-out connection (inside a transaction). */
export type Sql = pg.Pool | pg.PoolClient;
export type SqlTx = pg.PoolClient;

// Named (prepared) statements: PostgreSQL parses and plans each text once per connection instead
// of on every call; the engine's statements are few and reused constantly.
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `bb_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

function toConfig(fragment: SqlFragment): pg.QueryConfig {
  const { text, values } = compile(fragment);
  return { name: statementName(text), text, values };
}

export async function query<T>(db: Sql, fragment: SqlFragment): Promise<T[]> {
  return (await run(db, fragment)).rows as T[];
}

export async function execute(db: Sql, fragment: SqlFragment): Promise<number> {
  return (await run(db, fragment)).rowCount ?? 0;
}

// On the pool (no transaction), a statement that could not even get a connection is tried again while
// the database restarts; inside a transaction, inTransaction decides.
function run(db: Sql, fragment: SqlFragment): Promise<pg.QueryResult> {
  const config = toConfig(fragment);
  const once = () => db.query(config);
  return (db instanceof pg.Pool ? whileRefused(once) : once()).catch(unavailable);
}

/** A statement lost to a dead or unreachable database is a fault the caller may retry, not a bug. */
function unavailable(error: unknown): never {
  throw isConnectionError(error) ? new DatabaseUnavailableError(false, { cause: error }) : error;
}

// bigint columns (seq, ids of jobs) come back as BigInt rather than strings.
const parseBigInt = (v: string): bigint => BigInt(v);
const types = {
  getTypeParser: ((oid: number, format?: "text") =>
    oid === 20 ? parseBigInt : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

// Pipeline mode: a statement goes out as soon as it is queried, not after the answer to the one
// before, so statements that do not wait for each other's answers (BEGIN and the first statement;
// the last statements and COMMIT) share one round trip. Each still has its own Sync: one that fails
// does not swallow the next, which then fails on its own in the aborted transaction.
// (@types/pg does not list the option yet.)
const PIPELINE = { pipeline: true } as pg.PoolConfig;

// How long a connection may sit idle before the pool closes it. pg's default (10 s) closed them
// between bursts, so a burst after a quiet spell paid for new backends, each preparing its statements
// again: ~30–40 ms of a 1,000-child addChildren went to waiting for a connection. An idle connection
// does not keep the process alive (allowExitOnIdle), as pg's idle timer used to for those 10 s.
const IDLE_CONNECTION_MS = 10 * 60_000;

export function createSqlPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    allowExitOnIdle: true,
    ...PIPELINE,
  });
  pool.on("error", () => {}); // an idle connection dropped by the server is replaced on next use
  // pg-pool listens for a client's errors only while it is idle. A connection that dies while
  // checked out, even in the instant between being handed out and its user adding a listener (a
  // backend terminated right after the handshake), would be an unhandled 'error' event: a process
  // exit. So every client keeps this listener for life; the failure still reaches the user as its
  // query's rejection, and the pool drops a client that is no longer queryable when it comes back.
  pool.on("connect", (client) => {
    client.on("error", () => {});
    oneWritePerTurn(client);
  });
  return pool;
}
