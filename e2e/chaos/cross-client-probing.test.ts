// Two clients on one real server process, each probing the other on every id-taking operation (from
// the schema: every ID argument and input field; from the REST routes: every `:id`): the answer to the
// other client's id must be word for word the answer to a random id (so ids cannot be probed), and
// the other client's rows must not change.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import pg from "pg";
import { createPullClient, serverStatus, signalNewWorkflow } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { gql } from "../src/graphql-client.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";
import { graphqlProbes, restProbes, type Ids } from "./support/id-probes.ts";
import { loadSchema } from "./support/hostile-operations.ts";
import { says } from "./support/mode.ts";
import { sendHttp, sendWs, type Answer } from "./support/send.ts";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

type Party = { token: string; ids: Ids };

/** What must not differ between two probes: status, codes, messages (any id in them masked), whether data came. */
function shape(a: Answer): string {
  return JSON.stringify({
    status: a.transport === "http" ? a.status : 0,
    codes: a.codes,
    messages: a.messages.map((m) => m.replace(UUID, "<id>")),
    data: a.data,
    streaming: a.streaming,
  });
}

describe("two clients probing each other", () => {
  let db: TestDatabase;
  let server: ServerProcess;
  const parties: Party[] = [];

  /** Row count and content hash of everything a client owns. */
  const ownedRows = async (clientId: string): Promise<string> => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const { rows } = await c.query(
        `SELECT (SELECT count(*) || ':' || coalesce(sum(hashtext(w::text)), 0) FROM workflows w WHERE client_id = $1) AS w,
                (SELECT count(*) || ':' || coalesce(sum(hashtext(n::text)), 0) FROM nodes n WHERE client_id = $1) AS n,
                (SELECT count(*) FROM status_changes s JOIN nodes n ON n.id = s.node_id WHERE n.client_id = $1) AS s,
                (SELECT count(*) || ':' || coalesce(sum(hashtext(c::text)), 0) FROM clients c WHERE id = $1) AS c`,
        [clientId],
      );
      return JSON.stringify(rows[0]);
    } finally {
      await c.end();
    }
  };

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess("probing", db.url);
    for (const name of ["probe-a", "probe-b"]) {
      const client = await createPullClient(server.url, name);
      const node = await signalNewWorkflow(server.url, client.token, `${name}-workflow`);
      const { node: detail } = await gql(
        server.url,
        client.token,
        `query($n: ID!) { node(id: $n) { workflow { id } } }`,
        {
          n: node,
        },
      );
      parties.push({ token: client.token, ids: { client: client.id, node, workflow: detail.workflow.id as string } });
    }
    // Each signal sent to its client (waiting for a worker): the state most operations act on.
    const sent = await pollUntil(async () => {
      for (const p of parties)
        if ((await serverStatus(server.url, p.token, p.ids.node)) !== "SENT_TO_CLIENT") return false;
      return true;
    }, 20_000);
    assert.ok(sent, "both signals sent");
  });
  after(async () => {
    await killAllEngineProcesses();
    await db?.drop();
  });

  for (const [from, to] of [
    [0, 1],
    [1, 0],
  ] as const) {
    it(`client ${"AB"[from]} probing client ${"AB"[to]}: every answer as for a random id, nothing of ${"AB"[to]} changed`, async () => {
      const me = parties[from]!;
      const other = parties[to]!;
      const otherRowsBefore = await ownedRows(other.ids.client);
      const differences: string[] = [];
      /** How the other client's ids were answered, by code (or HTTP status): what "as for a random id" meant here. */
      const answers: Record<string, number> = {};
      const count = (key: string) => (answers[key] = (answers[key] ?? 0) + 1);
      const gqlProbes = graphqlProbes(loadSchema(), me.ids);
      for (const probe of gqlProbes) {
        // A subscription still open after 3 s is streaming (a refusal comes long before, even on a loaded machine).
        const send = (id: string) =>
          probe.kind === "subscription"
            ? sendWs(server.url, me.token, probe.body(id), 3000)
            : sendHttp(server.url, me.token, probe.body(id));
        const answer = await send(other.ids[probe.target]);
        count(answer.codes[0] ?? (answer.streaming ? "streaming" : "ok"));
        const theirs = shape(answer);
        const random = shape(await send(randomUUID()));
        if (theirs !== random) differences.push(`${probe.label}: ${theirs} vs random ${random}`);
      }
      const rest = restProbes();
      const base = server.url.replace(/\/graphql$/, "");
      for (const probe of rest) {
        const send = async (id: string) => {
          const res = await fetch(`${base}${probe.path(id)}`, {
            method: probe.method,
            headers: { authorization: `Bearer ${me.token}`, "content-type": "application/json" },
            body: probe.method === "GET" ? undefined : "{}",
            signal: AbortSignal.timeout(30_000),
          });
          return `${res.status} ${(await res.text()).replace(UUID, "<id>")}`;
        };
        const theirs = await send(other.ids[probe.target]);
        count(`HTTP ${theirs.slice(0, 3)}`);
        const random = await send(randomUUID());
        if (theirs !== random) differences.push(`REST ${probe.label}: ${theirs} vs random ${random}`);
      }
      const unchanged = (await ownedRows(other.ids.client)) === otherRowsBefore;
      says(
        `probing: client ${"AB"[from]} tried client ${"AB"[to]}'s ids on ${gqlProbes.length} GraphQL id arguments and ${rest.length} REST routes: ${differences.length} answers differed from a random id's; ${"AB"[to]}'s rows unchanged: ${unchanged}; answers ${JSON.stringify(answers)}`,
      );
      assert.deepEqual(differences, []);
      assert.ok(unchanged, `client ${"AB"[to]}'s rows changed`);
      assert.ok(gqlProbes.length >= 15 && rest.length >= 10, "the probes cover the API");
    });
  }
});
