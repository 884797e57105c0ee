// Generated hostile requests against a real server process (HTTP and graphql-ws), built from the schema:
// every answer is a clean refusal or a success, never INTERNAL_SERVER_ERROR or HTTP 500, never a stack
// or SQL text; a refused request changes no row of any table (row count and content hash of each);
// the server stays up and its memory flat. Short in `pnpm test`, larger with BACKBEAT_CHAOS=full.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createPullClient } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { gql } from "../src/graphql-client.ts";
import { ADMIN_TOKEN, startServerProcess, type ServerProcess } from "../src/server-process.ts";
import { TableFingerprint, type Fingerprint } from "./support/fingerprint.ts";
import { HostileGenerator, loadSchema, seeded, type Operation } from "./support/hostile-operations.ts";
import { FULL, says, sized } from "./support/mode.ts";
import { rssMb } from "./support/rss.ts";
import { sendHttp, sendWs, type Answer } from "./support/send.ts";

const HTTP_REQUESTS = sized(700, 2000);
const WS_REQUESTS = sized(350, 1000);
const SEED = Number(process.env.BACKBEAT_CHAOS_SEED || 20261206);
const LEAK = /\n\s+at |node_modules|\bSELECT\b|\bINSERT INTO\b|syntax error at or near|violates .* constraint/;

type Failure = { what: string; answer: string };

describe("generated hostile requests", () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let fingerprint: TableFingerprint;
  let token: string;
  const ids: string[] = [];
  const failures: Failure[] = [];
  const tally = { sent: 0, refused: 0, accepted: 0, internal: 0, changedWhileRefused: 0, leaks: 0 };

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess("hostile", db.url);
    const a = await createPullClient(server.url, "chaos-a");
    const b = await createPullClient(server.url, "chaos-b");
    token = a.token;
    const w = await gql(server.url, token, `mutation { createWorkflow(input: {name: "own", subject: {k: 1}}) { id } }`);
    const s = await gql(
      server.url,
      token,
      `mutation($w: ID!) { signalWorkflow(workflowId: $w, input: {name: "s"}) { id } }`,
      {
        w: w.createWorkflow.id,
      },
    );
    ids.push(a.id, b.id, w.createWorkflow.id as string, s.signalWorkflow.id as string);
    fingerprint = await TableFingerprint.open(db.url);
  });
  after(async () => {
    await fingerprint?.close();
    await killAllEngineProcesses();
    await db?.drop();
  });

  /**
   * Waits (at most 5 s) until no table changes for a moment (the work an accepted request started has
   * run) and nothing is due within the next 3 s (timers, retries, deadlines: the server would change
   * rows by itself during the next request). Work still due after that is left alone from then on.
   */
  let dueBeyondWait = 0;
  const settled = async (): Promise<Fingerprint> => {
    let last = await fingerprint.take();
    let due = 0;
    await pollUntil(
      async () => {
        const now = await fingerprint.take();
        const same = TableFingerprint.changed(last, now).length === 0;
        last = now;
        due = TableFingerprint.dueSoon(now);
        return same && due <= dueBeyondWait;
      },
      5_000,
      60,
    );
    dueBeyondWait = Math.max(dueBeyondWait, due);
    return last;
  };
  /** The baseline for the next request: the one given, unless scheduled work is about to run. */
  const nextBaseline = async (after: Fingerprint | null): Promise<Fingerprint> =>
    after !== null && TableFingerprint.dueSoon(after) <= dueBeyondWait ? after : settled();

  const tokenFor = (random: () => number): { label: string; token: string | null } => {
    const r = random();
    if (r < 0.7) return { label: "client", token };
    if (r < 0.9) return { label: "admin", token: ADMIN_TOKEN };
    if (r < 0.95) return { label: "none", token: null };
    return { label: "garbage", token: "garbage-\u00e9-token" };
  };

  /** Checks one answer; for a refusal, returns the fingerprint taken after it (the next baseline). */
  const check = async (
    op: Operation,
    who: { label: string; token: string | null },
    answer: Answer,
    before: Fingerprint,
  ): Promise<Fingerprint | null> => {
    tally.sent++;
    const what = `${answer.transport} as ${who.label}: ${op.label}`;
    const show = () => answer.text.slice(0, 300);
    if (answer.codes.includes("INTERNAL_SERVER_ERROR") || (answer.transport === "http" && answer.status >= 500)) {
      tally.internal++;
      failures.push({ what: `internal error: ${what}`, answer: show() });
    }
    if (LEAK.test(answer.text)) {
      tally.leaks++;
      failures.push({ what: `stack or SQL in the answer: ${what}`, answer: show() });
    }
    const refused = !answer.data && !answer.streaming;
    if (!refused) {
      tally.accepted++;
      return null;
    }
    tally.refused++;
    const after = await fingerprint.take();
    // Operator mutations (and sign-ins) write their audit row even when they fail: the one change allowed.
    const audited = op.kind === "mutation" && (who.token === ADMIN_TOKEN || op.label.startsWith("mutation signIn"));
    const allowed = audited ? ["operator_actions"] : [];
    const changed = TableFingerprint.changed(before, after).filter((t) => !allowed.includes(t));
    if (changed.length > 0) {
      tally.changedWhileRefused++;
      failures.push({ what: `refused but changed ${changed.join(", ")}: ${what}`, answer: show() });
    }
    return after;
  };

  it(
    `${HTTP_REQUESTS} over HTTP and ${WS_REQUESTS} over WebSocket: no internal error, refusals change nothing, memory flat`,
    { timeout: FULL ? 1_800_000 : 300_000 },
    async () => {
      const random = seeded(SEED);
      const generator = new HostileGenerator(loadSchema(), random, { ids });
      const http = generator.operations(HTTP_REQUESTS);
      const ws = generator.operations(WS_REQUESTS);
      const started = performance.now();
      let baseline = await settled();
      let rssWarm = 0;
      for (const [i, op] of http.entries()) {
        if (i === 100) rssWarm = rssMb(server.child.pid!);
        const who = tokenFor(random);
        const answer = await sendHttp(server.url, who.token, op.payload);
        baseline = await nextBaseline(await check(op, who, answer, baseline));
      }
      for (const op of ws) {
        const who = tokenFor(random);
        // A refused connection (no or a bad token) is closed with 4403 before any operation: nothing to compare but that.
        // A query or mutation is waited for to its end; a subscription still open after 400 ms is streaming.
        const answer = await sendWs(server.url, who.token, op.payload, op.kind === "subscription" ? 400 : 30_000);
        baseline = await nextBaseline(await check(op, who, answer, baseline));
      }
      // Raw bodies no generator builds: nesting of 5,000 levels, a NUL in the query text, broken JSON.
      const deep = `{"query":"mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id } }","variables":{"i":{"name":"w","subject":${'{"n":'.repeat(5000)}1${"}".repeat(5000)}}}}`;
      const raws: [string, string][] = [
        ["5,000 levels of JSON", deep],
        ["NUL in the query", JSON.stringify({ query: "{ workflowNames }\u0000" })],
        ["broken JSON", `{"query": "{ workflowNames }"`],
        ["a JSON array body", `[1,2,3]`],
      ];
      for (const [label, body] of raws) {
        const op: Operation = { label, kind: "mutation", payload: body };
        await check(op, { label: "client", token }, await sendHttp(server.url, token, body), baseline);
        baseline = await settled();
      }
      const seconds = (performance.now() - started) / 1000;

      const up = server.child.exitCode === null && server.child.signalCode === null;
      const health = await fetch(server.url.replace(/\/graphql$/, "/health")).then((r) => r.status);
      const rssEnd = rssMb(server.child.pid!);
      says(
        `hostile requests (seed ${SEED}, ${generator.rootFieldCount} root fields, ${fingerprint.tableCount} tables compared): ${tally.sent} sent in ${seconds.toFixed(1)} s, ${tally.refused} refused, ${tally.accepted} accepted, ${tally.internal} internal errors, ${tally.changedWhileRefused} refused-but-changed, ${tally.leaks} leaks; server up: ${up}, /health ${health}; RSS ${rssWarm} MB after warm-up, ${rssEnd} MB at the end`,
      );
      assert.ok(tally.sent >= 1000, `at least 1,000 requests (${tally.sent})`);
      assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures`);
      assert.ok(up, "the server is still running");
      assert.equal(health, 200);
      assert.ok(rssEnd - rssWarm < 150, `memory flat: ${rssWarm} MB → ${rssEnd} MB`);
    },
  );
});
