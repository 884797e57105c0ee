// @backbeat/client as another project gets it: built (tsc → dist/), packed (`pnpm pack`, which applies
// publishConfig), unpacked into a temporary directory outside the repository with its runtime
// dependencies linked from this repository's store (no network), then used by a plain .mjs script
// run with plain node (no tsx) against a real server process, and typechecked from a plain .ts file.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { registerClient, ROOT, startServerProcess, type ServerProc } from "./process-support.ts";

const run = promisify(execFile);
const PACKAGE = path.resolve(import.meta.dirname, "..");
/** What dist/ needs at runtime (and, for the types, @graphql-typed-document-node/core). */
const DEPENDENCIES = ["graphql", "graphql-ws", "ws", "@graphql-typed-document-node/core"];

const SCRIPT = `
import { BackbeatClient, createPullWorker, NotFoundError } from "@backbeat/client";

const url = process.env.BACKBEAT_URL;
const token = process.env.BACKBEAT_TOKEN;
const client = new BackbeatClient({ url, token });
const worker = createPullWorker({
  url, token, client,
  handlers: {
    greet: async (ctx) => { await ctx.blocking("shout", { clientData: { text: "hello" } }); return "greeted"; },
    shout: (ctx) => String(ctx.node.clientData.text).toUpperCase(),
  },
});
worker.start();
const signal = await client.signal("packed", { n: 1 }, "greet");
let nodes = [];
for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
  nodes = (await client.workflow(signal.workflowId)).nodes;
  if (nodes.length === 2 && nodes.every((n) => n.serverStatus === "COMPLETE")) break;
}
await worker.stop();
const missing = await client.node("00000000-0000-4000-8000-000000000000").catch((e) => e instanceof NotFoundError);
console.log(JSON.stringify({ responses: nodes.map((n) => [n.name, n.response]), missing }));
`;

const CONSUMER = `
import { BackbeatClient, type HandlerContext, type Node, type ServerStatus } from "@backbeat/client";
const client = new BackbeatClient({ url: "http://localhost:4000/graphql", token: "t" });
export const started: Promise<Node> = client.signal("a", { b: 1 }, "s", { retry: 2, firesAt: new Date() });
export const beat = (ctx: HandlerContext): Promise<Node> => ctx.heartbeat();
export const status = async (id: string): Promise<ServerStatus> => (await client.node(id)).serverStatus;
// @ts-expect-error statuses are a closed union, not any string
export const wrong: ServerStatus = "NOT_A_STATUS";
`;

describe("@backbeat/client packed, outside the monorepo", () => {
  let db: TestDatabase;
  let server: ServerProc;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "backbeat-client-pack-"));
    db = await createTestDatabase();
    server = await startServerProcess(db.url);
  });
  after(async () => {
    await server?.kill();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds, packs, installs without network, and runs under plain node against a real server", async () => {
    await run("pnpm", ["run", "build"], { cwd: PACKAGE });
    await run("pnpm", ["pack", "--pack-destination", dir], { cwd: PACKAGE });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball, "pnpm pack made a tarball");

    const modules = path.join(dir, "node_modules");
    mkdirSync(path.join(modules, "@backbeat"), { recursive: true });
    await run("tar", ["-xzf", path.join(dir, tarball), "-C", dir]);
    await run("mv", [path.join(dir, "package"), path.join(modules, "@backbeat/client")]);
    const manifest = JSON.parse(readFileSync(path.join(modules, "@backbeat/client/package.json"), "utf8")) as {
      exports: Record<string, unknown>;
    };
    assert.deepEqual(manifest.exports["."], { types: "./dist/index.d.ts", default: "./dist/index.js" });
    for (const dependency of [...DEPENDENCIES, "@types/node"]) {
      const from =
        dependency === "@types/node"
          ? path.join(ROOT, "node_modules", dependency)
          : path.join(PACKAGE, "node_modules", dependency);
      mkdirSync(path.dirname(path.join(modules, dependency)), { recursive: true });
      symlinkSync(realpathSync(from), path.join(modules, dependency));
    }
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));

    const { token } = await registerClient(server.url, "packed");
    writeFileSync(path.join(dir, "main.mjs"), SCRIPT);
    const { stdout } = await run(process.execPath, ["main.mjs"], {
      cwd: dir,
      env: { PATH: process.env.PATH, BACKBEAT_URL: server.url, BACKBEAT_TOKEN: token },
    });
    assert.deepEqual(JSON.parse(stdout), {
      responses: [
        ["greet", { result: "greeted" }],
        ["shout", { result: "HELLO" }],
      ],
      missing: true,
    });

    // The declarations work for a TypeScript consumer (strict, no skipLibCheck).
    writeFileSync(path.join(dir, "consumer.ts"), CONSUMER);
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", target: "es2023", strict: true, noEmit: true, types: ["node"] },
        files: ["consumer.ts"],
      }),
    );
    await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { cwd: dir });
  });
});
