// The SQL follows core's rules: each predicate db writes from core's lists is evaluated by
// PostgreSQL for every (server, client) status pair and compared with core's function; and the
// partial indexes whose predicate a query must repeat word for word still say what core says.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  AWAITING_CLIENT_CLIENT_STATUSES,
  AWAITING_CLIENT_SERVER_STATUS,
  CLIENT_STATUSES,
  FAILED_CLIENT_STATUS,
  FAILED_SERVER_STATUSES,
  FINISHED_SERVER_STATUSES,
  isAwaitingClient,
  isFailed,
  isFinished,
  RESTARTABLE_CLIENT_STATUSES,
  RESTARTABLE_SERVER_STATUSES,
  SERVER_STATUSES,
  UNWAITED_MODE,
} from "@backbeat/core";
import { createSqlPool, MIGRATIONS_DIR, query, sql, SqlFragment } from "../src/index.ts";
import { FAILED_NODES } from "../src/queries/bulk-candidates.ts";
import {
  assertBulkTransitions,
  awaitingClientSql,
  modeLiteral,
  statusIsByKey,
  statusList,
  unfinishedByKeySql,
  unfinishedSql,
} from "../src/status-sql.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.ts";

/** The statement text of a fragment made only of trusted text (no bound values). */
function textOf(fragment: SqlFragment): string {
  return fragment.strings.reduce((text, s, i) => {
    const v = fragment.values[i - 1];
    if (i > 0 && !(v instanceof SqlFragment)) throw new Error("a bound value in a status predicate");
    return text + (i > 0 ? textOf(v as SqlFragment) : "") + s;
  }, "");
}

const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .map((name) => readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"))
  .join("\n");

/** An index's WHERE clause, identifiers unquoted and whitespace collapsed. */
function indexPredicate(name: string): string {
  const match = new RegExp(`CREATE INDEX "${name}"[^;]*?WHERE([^;]*);`).exec(migrations);
  assert.ok(match, `index ${name} not found in the migrations`);
  return normal(match[1]!);
}
const normal = (text: string) => text.replaceAll('"', "").replace(/\s+/g, " ").trim();
const literals = (list: readonly string[]) => list.map((s) => `'${s}'`).join(", ");

describe("status predicates in SQL", () => {
  let db: TestDatabase;
  let pool: ReturnType<typeof createSqlPool>;
  before(async () => {
    db = await createTestDatabase();
    pool = createSqlPool(db.url, 2);
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  it("agree with core's functions for every status pair", async () => {
    const pairs = sql`SELECT * FROM unnest(${SERVER_STATUSES.flatMap((s) => CLIENT_STATUSES.map(() => s))}::text[],
      ${SERVER_STATUSES.flatMap(() => [...CLIENT_STATUSES])}::text[]) AS n(server_status, client_status)`;
    const rows = await query<{
      server_status: string;
      client_status: string;
      a: boolean;
      f: boolean;
      u: boolean;
      uk: boolean;
      sk: boolean;
    }>(
      pool,
      sql`SELECT n.server_status, n.client_status, (${awaitingClientSql("n")}) AS a, (${FAILED_NODES}) AS f,
        (${unfinishedSql("n")}) AS u, (${unfinishedByKeySql("n")}) AS uk,
        (${statusIsByKey("n", "server_status", "sent_to_client")}) AS sk FROM (${pairs}) AS n`,
    );
    assert.equal(rows.length, SERVER_STATUSES.length * CLIENT_STATUSES.length);
    for (const r of rows) {
      const node = { serverStatus: r.server_status, clientStatus: r.client_status };
      const what = `${r.server_status}/${r.client_status}`;
      assert.equal(r.a, isAwaitingClient(node), `awaiting the client: ${what}`);
      assert.equal(r.f, isFailed(node), `failed: ${what}`);
      assert.equal(r.u, !isFinished(r.server_status), `unfinished: ${what}`);
      assert.equal(r.uk, r.u, `unfinished, by key: ${what}`);
      assert.equal(r.sk, r.server_status === "sent_to_client", `sent_to_client, by key: ${what}`);
    }
  });

  it("partial indexes repeat core's lists, in the queries' words", () => {
    assert.equal(
      indexPredicate("nodes_pull_waiting_idx"),
      `server_status = '${AWAITING_CLIENT_SERVER_STATUS}' AND client_status IN (${literals(AWAITING_CLIENT_CLIENT_STATUSES)})`,
    );
    assert.equal(indexPredicate("nodes_pull_waiting_idx"), normal(textOf(awaitingClientSql())));
    assert.equal(indexPredicate("nodes_failed_seq_idx"), normal(textOf(FAILED_NODES).replaceAll("n.", "")));
    assert.equal(
      indexPredicate("nodes_failed_seq_idx"),
      normal(`server_status IN (${literals(RESTARTABLE_SERVER_STATUSES)})
        AND client_status IN (${literals(RESTARTABLE_CLIENT_STATUSES)})
        AND (server_status IN (${literals(FAILED_SERVER_STATUSES)}) OR client_status = '${FAILED_CLIENT_STATUS}')`),
    );
    assert.equal(indexPredicate("nodes_unfinished_updated_at_idx"), normal(textOf(unfinishedSql())));
    assert.equal(indexPredicate("nodes_deadline_idx"), `server_status = '${AWAITING_CLIENT_SERVER_STATUS}'`);
    assert.equal(textOf(statusList(FINISHED_SERVER_STATUSES)), literals(FINISHED_SERVER_STATUSES));
  });

  it("the fan-in function repeats core's unfinished statuses and unwaited mode", () => {
    const body = /FUNCTION "backbeat_parents_with_no_child_left"[^$]*\$\$([\s\S]*?)\$\$/.exec(migrations);
    assert.ok(body, "backbeat_parents_with_no_child_left not found in the migrations");
    assert.ok(
      normal(body[1]!).includes(
        `c.parent_id = p.id AND ${normal(textOf(unfinishedSql("c")))} AND c.mode <> ${textOf(modeLiteral(UNWAITED_MODE))}`,
      ),
      normal(body[1]!),
    );
  });

  it("refuses a bulk transition the tables do not allow, and anything but a status as a literal", () => {
    assert.throws(() => assertBulkTransitions("server", ["complete"], "ready"), /no longer allows complete → ready/);
    assert.doesNotThrow(() => assertBulkTransitions("client", ["ready"], "received"));
    assert.throws(() => statusList(["x'; DROP TABLE nodes; --" as "ready"]), /not a status/);
  });
});
