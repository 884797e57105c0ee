// Two real server processes (apps/server/src/main.ts) on one database: a nodeEvents subscriber on
// one sees, promptly, the changes made through the other (the audit NOTIFY crosses processes); pull
// workers on both share the nodes without doubles; and when a server is killed with SIGKILL while
// its worker holds a node, the node goes to a worker on the other server (its advisory lock died
// with the process's connection) and completes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createPullClient, NODE_EVENTS, NODES_TO_RUN, report, serverStatus, signalNewWorkflow } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { gql, subscribe, wsClient, type Json } from "../src/graphql-client.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";

const idOf = (e: Json) => e.nodesToRun.id as string;

describe("two server processes on one database", () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let client: { id: string; token: string };
  const sockets: ReturnType<typeof wsClient>[] = [];
  const ws = (url: string) => {
    const c = wsClient(url, client.token);
    sockets.push(c);
    return c;
  };
  const allComplete = (url: string, ids: string[]) =>
    pollUntil(async () => {
      for (const id of ids) if ((await serverStatus(url, client.token, id)) !== "COMPLETE") return false;
      return true;
    }, 20_000);

  before(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([startServerProcess("server-a", db.url), startServerProcess("server-b", db.url)]);
    client = await createPullClient(a.url, "puller");
  });
  after(async () => {
    for (const c of sockets) c.terminate();
    await killAllEngineProcesses();
    await db?.drop();
  });

  it("a nodeEvents subscriber on A sees changes made through B, woken by NOTIFY", async () => {
    const { createWorkflow } = await gql(
      b.url,
      client.token,
      `mutation { createWorkflow(input: {name: "x", subject: 1}) { id } }`,
    );
    const w = createWorkflow.id as string;
    // after: "0" replays whatever committed before the subscription was registered: no race.
    const sub = subscribe(ws(a.url), NODE_EVENTS, { w, after: "0" });
    const { signalWorkflow } = await gql(
      b.url,
      client.token,
      `mutation($w: ID!) { signalWorkflow(workflowId: $w, input: {name: "s"}) { id } }`,
      { w },
    );
    await sub.waitFor(3);
    // A bare status report queues no work: only the audit NOTIFY wakes A's feed (its poll is 5 s).
    const sent = performance.now();
    await report(b.url, client.token, signalWorkflow.id, "PROCESSING");
    await sub.waitFor(4);
    const latency = performance.now() - sent;
    assert.deepEqual(
      sub.events.map((e) => e.nodeEvents.statusChange.toStatus),
      ["started", "sent_to_client", "received", "processing"],
    );
    assert.ok(latency < 2000, `processing reached the other server after ${latency.toFixed(0)} ms`);
    sub.stop();
    // Finished, so that the pull workers below do not receive it.
    await report(b.url, client.token, signalWorkflow.id, "COMPLETED");
  });

  it("pull workers on both servers share the nodes, each delivered once", async () => {
    const delivered: { worker: string; id: string }[] = [];
    const worker = (name: string, server: ServerProcess) =>
      subscribe(ws(server.url), NODES_TO_RUN, { c: 2 }, (e) => {
        delivered.push({ worker: name, id: idOf(e) });
        // Finish through the worker's own server, a little later, so both workers stay busy.
        setTimeout(() => void report(server.url, client.token, idOf(e), "COMPLETED").catch(() => {}), 200);
      });
    const onB = worker("b", b);
    const first = await signalNewWorkflow(a.url, client.token, "first");
    await onB.waitFor(1);
    assert.equal(idOf(onB.events[0]!), first, "B's worker got the node signalled through A");
    const onA = worker("a", a);
    const ids = [first];
    for (let i = 0; i < 10; i++) ids.push(await signalNewWorkflow(i % 2 ? a.url : b.url, client.token, `w${i}`));
    assert.ok(await allComplete(b.url, ids), "every node completed");
    assert.deepEqual(delivered.map((d) => d.id).sort(), [...ids].sort(), "each node delivered to exactly one worker");
    onA.stop();
    onB.stop();
  });

  it("a server killed with SIGKILL: its worker's unfinished node goes to the other server's worker", async () => {
    const onA = subscribe(ws(a.url), NODES_TO_RUN, { c: 1 });
    const id = await signalNewWorkflow(b.url, client.token, "victim");
    await onA.waitFor(1);
    assert.equal(idOf(onA.events[0]!), id);
    await report(a.url, client.token, id, "PROCESSING");
    const onB = subscribe(ws(b.url), NODES_TO_RUN, { c: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(onB.events.length, 0, "A's worker still holds the node");

    await a.kill();
    await onB.waitFor(1, 20_000);
    assert.deepEqual(onB.events[0]!.nodesToRun, { id, clientStatus: "PROCESSING" });
    await report(b.url, client.token, id, "COMPLETED");
    assert.ok(await allComplete(b.url, [id]), "the node completed on the surviving server");
    onB.stop();
  });
});
