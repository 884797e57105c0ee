// The SDK snippets of docs/client.md are the files in packages/client/examples: here they run as they are,
// as processes, against a real server process (a pull worker, a push worker, start-work for each),
// and docs/client.md must contain each file verbatim.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, freePort, type TestDatabase } from "@backbeat/db/testing";
import { BackbeatClient, type Node } from "../src/index.ts";
import {
  registerClient,
  ROOT,
  startProcess,
  startServerProcess,
  waitFor,
  type Proc,
  type ServerProc,
} from "./process-support.ts";

const EXAMPLES = path.join(import.meta.dirname, "../examples");
const SNIPPETS = ["handlers.ts", "start-work.ts", "pull-worker.ts", "push-worker.ts"];

describe("packages/client/examples", () => {
  it("are in docs/client.md, verbatim", () => {
    const readme = readFileSync(path.join(ROOT, "docs/client.md"), "utf8");
    for (const file of SNIPPETS) {
      const text = readFileSync(path.join(EXAMPLES, file), "utf8").trimEnd();
      assert.ok(readme.includes(`\`\`\`ts\n${text}\n\`\`\``), `docs/client.md shows examples/${file} as it is`);
    }
  });

  describe("against a real server process", () => {
    let db: TestDatabase;
    let server: ServerProc;
    const procs: Proc[] = [];

    before(async () => {
      db = await createTestDatabase();
      server = await startServerProcess(db.url);
    });
    after(async () => {
      for (const p of procs) await p.kill();
      await server?.kill();
      await db?.drop();
    });

    function example(file: string, env: Record<string, string>, args: string[] = []): Proc {
      const proc = startProcess(file, [path.join(EXAMPLES, file), ...args], { BACKBEAT_URL: server.url, ...env });
      procs.push(proc);
      return proc;
    }

    /** Runs start-work.ts with this token; returns the workflow it signalled once every node completed. */
    async function startWorkAndWait(token: string, order: number): Promise<Node[]> {
      const start = example("start-work.ts", { BACKBEAT_TOKEN: token }, [String(order)]);
      await start.exited;
      assert.equal(start.child.exitCode, 0, start.lines.join("\n"));
      const { workflowId } = JSON.parse(start.lines[0]!) as { workflowId: string };
      assert.match(start.lines.slice(1).join("\n"), /purchase/, "it printed the tree");
      const client = new BackbeatClient({ url: server.url, token });
      let nodes: Node[] = [];
      await waitFor("the purchase workflow to complete", async () => {
        nodes = (await client.workflow(workflowId)).nodes;
        return nodes.length === 5 && nodes.every((n) => n.serverStatus === "COMPLETE");
      });
      return nodes;
    }

    function assertPurchase(nodes: Node[], order: number) {
      const response = new Map(nodes.map((n) => [n.name, n.response]));
      assert.deepEqual(
        nodes.map((n) => `${n.name} ${n.mode}`),
        [
          "purchase BLOCKING",
          "charge card BLOCKING",
          "send receipt NON_BLOCKING",
          "update statistics FIRE_AND_FORGET",
          "ask for a review BLOCKING",
        ],
      );
      assert.deepEqual(response.get("charge card"), { result: { charged: 25 } });
      assert.deepEqual(response.get("send receipt"), { result: { sentFor: { order } } });
      assert.deepEqual(response.get("ask for a review"), { result: "asked" });
    }

    it("pull-worker.ts runs what start-work.ts started, and stops gracefully on SIGTERM", async () => {
      const { token } = await registerClient(server.url, "example-pull");
      const worker = example("pull-worker.ts", { BACKBEAT_TOKEN: token });
      await waitFor("the pull worker to connect", () => worker.lines.includes("connected"));
      assertPurchase(await startWorkAndWait(token, 1), 1);
      await worker.stop();
      assert.equal(worker.child.exitCode, 0);
    });

    it("push-worker.ts runs what start-work.ts started, and stops gracefully on SIGTERM", async () => {
      const port = await freePort();
      const credentials = await registerClient(server.url, "example-push", `http://127.0.0.1:${port}/`);
      const worker = example("push-worker.ts", {
        BACKBEAT_TOKEN: credentials.token,
        BACKBEAT_SIGNING_SECRET: credentials.signingSecret,
        PORT: String(port),
      });
      await waitFor("the push worker to listen", () => worker.lines.includes("listening"));
      assertPurchase(await startWorkAndWait(credentials.token, 2), 2);
      await worker.stop();
      assert.equal(worker.child.exitCode, 0);
    });
  });
});
