// One engine on a private test database, with a manual clock and a fake client application.
import type { NodeRecord } from "@backbeat/core";
import { findNode, listChildren } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import type { Caller } from "../caller.ts";
import { ManualClock } from "../clock.ts";
import type { EngineConfig } from "../config.ts";
import { createEngine, type Engine, type EngineOptions } from "../engine.ts";
import { FakeClient } from "./fake-client.ts";

export type Harness = {
  engine: Engine;
  clock: ManualClock;
  fake: FakeClient;
  /** The client application's identity (its nodes are POSTed to `fake`). */
  caller: Caller & { kind: "client" };
  operator: Caller;
  database: TestDatabase;
  drain: () => Promise<void>;
  /** "server/client" statuses of a node, e.g. "sent_to_client/received". */
  status: (nodeId: string) => Promise<string>;
  node: (nodeId: string) => Promise<NodeRecord>;
  children: (nodeId: string) => Promise<NodeRecord[]>;
  close: () => Promise<void>;
};

export async function createHarness(
  opts: { config?: Partial<EngineConfig>; decisionEndpoint?: boolean; beforeJob?: EngineOptions["beforeJob"] } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const fake = await new FakeClient().start();
  const engine = createEngine({
    databaseUrl: database.url,
    clock,
    random: () => 0.5,
    poolSize: 4,
    config: { ...opts.config },
    beforeJob: opts.beforeJob,
  });
  const { client } = await engine.createClient({
    name: "client-u",
    activityEndpoint: `${fake.baseUrl}/activity`,
    decisionEndpoint: opts.decisionEndpoint === false ? null : `${fake.baseUrl}/decision`,
    notificationEndpoint: `${fake.baseUrl}/notifications`,
  });
  fake.secret = client.signingSecret;
  return {
    engine,
    clock,
    fake,
    caller: { kind: "client", clientId: client.id },
    operator: { kind: "operator", name: "test-operator" },
    database,
    drain: () => engine.scheduler.drain(),
    status: async (id) => {
      const n = await findNode(engine.sql, id);
      return n ? `${n.serverStatus}/${n.clientStatus}` : "missing";
    },
    node: async (id) => (await findNode(engine.sql, id))!,
    children: (id) => listChildren(engine.sql, id),
    close: async () => {
      await engine.close();
      await fake.stop();
      await database.drop();
    },
  };
}
