// The `backbeat` CLI as a real process, against a server it started itself (`backbeat start`).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { BackbeatClient } from "@backbeat/client";
import { createTestDatabase, freePort, TEST_ADMIN_URL_ENV, type TestDatabase } from "@backbeat/db/testing";
import { ADMIN_TOKEN, backbeat, startServer, type CliServer, type Run } from "./support.ts";

/** A failure: the exit code, and one line on stderr without a stack trace. */
function assertFails(run: Run, code: number, message: RegExp): void {
  assert.equal(run.code, code, `exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, "");
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, not:\n${run.stderr}`);
  assert.match(lines[0]!, /^backbeat: /);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(run.stderr, /^\s+at /m);
}

const COMMANDS = [
  ["start"],
  ["migrate"],
  ["client", "create"],
  ["operator", "create"],
  ["workflow", "tree"],
  ["workflow", "find"],
];

describe("backbeat --help", () => {
  it("lists every command", async () => {
    const run = await backbeat(["--help"]);
    assert.equal(run.code, 0);
    for (const command of COMMANDS) assert.ok(run.stdout.includes(`  ${command.join(" ")} `), command.join(" "));
  });

  it("prints each command's usage and options, whatever else is on the line", async () => {
    for (const command of COMMANDS) {
      const run = await backbeat([...command, "--bogus", "--help"]);
      assert.equal(run.code, 0, command.join(" "));
      assert.ok(run.stdout.startsWith(`Usage: backbeat ${command.join(" ")}`), run.stdout);
      assert.match(run.stdout, /-h, --help/);
    }
    for (const group of ["client", "operator", "workflow"]) {
      const run = await backbeat([group, "-h"]);
      assert.equal(run.code, 0);
      assert.match(run.stdout, new RegExp(`^Usage: backbeat ${group} <command>`));
    }
  });

  it("without a command: the usage on stderr and exit code 2", async () => {
    const run = await backbeat([]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Usage: backbeat <command>/);
  });
});

describe("backbeat command-line errors", () => {
  it("an unknown command or subcommand", async () => {
    assertFails(await backbeat(["frobnicate"]), 2, /unknown command "frobnicate" \(see `backbeat --help`\)/);
    assertFails(await backbeat(["client", "delete"]), 2, /unknown command "client delete"/);
  });

  it("an unknown flag, a missing one, a bad value, a stray argument", async () => {
    assertFails(
      await backbeat(["client", "create", "--nmae", "x"]),
      2,
      /Unknown option '--nmae'.*client create --help/,
    );
    assertFails(await backbeat(["client", "create"]), 2, /--name is required/);
    assertFails(await backbeat(["workflow", "tree"]), 2, /the workflow id is missing/);
    assertFails(await backbeat(["workflow", "tree", "a", "b"]), 2, /unexpected argument "b"/);
    assertFails(await backbeat(["operator", "create", "--login", "ann", "--role", "boss"]), 2, /--role must be/);
    assertFails(await backbeat(["start", "--port", "http"]), 2, /--port must be a port number/);
    assertFails(await backbeat(["client", "create", "--name", "x", "--url", "nope"]), 2, /--url is not a URL/);
  });

  it("bad JSON", async () => {
    const run = await backbeat(["workflow", "find", "--name", "w", "--subject", "{oops", "--token", "t"]);
    assertFails(run, 2, /--subject is not valid JSON: \{oops/);
  });

  it("an unreachable server", async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    assertFails(
      await backbeat(["workflow", "tree", "w", "--url", url, "--token", "t"]),
      1,
      /cannot reach .*ECONNREFUSED/,
    );
  });

  it("no token anywhere", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "h4-cli-"));
    try {
      const env = { BACKBEAT_DATA_DIR: path.join(dir, "pg"), INIT_CWD: dir };
      assertFails(await backbeat(["client", "create", "--name", "x"], { env }), 1, /no token: pass --token/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("backbeat against a server", () => {
  let db: TestDatabase;
  let server: CliServer;
  const api = (...args: string[]) => [...args, "--url", server.url];

  before(async () => {
    db = await createTestDatabase();
    server = await startServer(db.url);
  });

  after(async () => {
    if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
    await server?.exited;
    await db?.drop();
  });

  it("a refused token", async () => {
    assertFails(
      await backbeat(api("client", "create", "--name", "x", "--token", "wrong")),
      1,
      /the server refused the token \(UNAUTHENTICATED\)/,
    );
  });

  it("client create prints the credentials once, and the token works", async () => {
    const human = await backbeat(api("client", "create", "--name", "shop", "--token", ADMIN_TOKEN));
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^client id: +[0-9a-f-]{36}\ntoken: +\S+\nsigning secret: +\S+\n/);

    // The token from the environment this time, and --json for scripts.
    const env = { BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN };
    const run = await backbeat(api("client", "create", "--name", "pull shop", "--json"), { env });
    assert.equal(run.code, 0, run.stderr);
    const created = JSON.parse(run.stdout) as { id: string; token: string; signingSecret: string };
    const client = new BackbeatClient({ url: server.url, token: created.token });
    const workflow = await client.createWorkflow({ name: "camera purchase", subject: { order: "o-1" } });
    assert.equal(workflow.clientId, created.id);

    // A client token is not an operator's.
    assertFails(
      await backbeat(api("client", "create", "--name", "x", `--token=${created.token}`)),
      1,
      /this token may not do that \(FORBIDDEN\)/,
    );
  });

  it("workflow find and workflow tree", async () => {
    const run = await backbeat(api("client", "create", "--name", "tree shop", "--json", "--token", ADMIN_TOKEN));
    const { token } = JSON.parse(run.stdout) as { token: string };
    const client = new BackbeatClient({ url: server.url, token });
    const signal = await client.signal("camera purchase", { customer: "c-17", order: "o-42" }, "Make Purchase");

    const env = { BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN };
    const subject = '{"order": "o-42", "customer": "c-17"}';
    const found = await backbeat(api("workflow", "find", "--name", "camera purchase", "--subject", subject), { env });
    assert.equal(found.code, 0, found.stderr);
    assert.equal(found.stdout, `${signal.workflowId}\n`);

    const tree = await backbeat(api("workflow", "tree", signal.workflowId), { env });
    assert.equal(tree.code, 0, tree.stderr);
    const { printTree } = await client.workflow(signal.workflowId);
    assert.equal(tree.stdout, `${printTree.replace(/^\n/, "")}\n`);
    assert.match(tree.stdout, /camera purchase/);
    assert.match(tree.stdout, /Make Purchase/);

    // A client token sees its own workflows too.
    const own = await backbeat(api("workflow", "tree", signal.workflowId, `--token=${token}`));
    assert.equal(own.stdout, tree.stdout);

    assertFails(
      await backbeat(api("workflow", "find", "--name", "camera purchase", "--subject", '{"order":"nope"}'), { env }),
      1,
      /NOT_FOUND/,
    );
  });

  it("operator create reads the password from stdin", async () => {
    const env = { BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN };
    const args = api("operator", "create", "--login", "ann.viewer", "--role", "viewer", "--password-stdin", "--json");
    const run = await backbeat(args, { env, input: "correct horse battery\n" });
    assert.equal(run.code, 0, run.stderr);
    const operator = JSON.parse(run.stdout) as { login: string; role: string };
    assert.deepEqual([operator.login, operator.role], ["ann.viewer", "VIEWER"]);
    const again = await backbeat(args, { env, input: "correct horse battery\n" });
    assertFails(again, 1, /CONFLICT/);
    assertFails(
      await backbeat(api("operator", "create", "--login", "bob", "--role", "admin"), { env }),
      2,
      /no password/,
    );
  });

  it("start: a taken port is one line and exit code 1", async () => {
    const port = new URL(server.url).port;
    const run = await backbeat(["start", "--port", port, "--database-url", db.url], {
      env: { BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: "error" },
    });
    assertFails(run, 1, new RegExp(`port ${port} is already in use \\(EADDRINUSE\\)`));
  });

  it("start: an unreachable database is one line and exit code 1", async () => {
    const url = `postgresql://postgres:secret@127.0.0.1:${await freePort()}/nothing`;
    const run = await backbeat(["start", "--port", String(await freePort()), "--database-url", url], {
      env: { BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: "error" },
    });
    assertFails(run, 1, /the server did not start: .*ECONNREFUSED/);
  });

  it("start: SIGINT stops the server gracefully, exit code 0", async () => {
    server.child.kill("SIGINT");
    assert.equal(await server.exited, 0);
    assert.ok(server.lines.some((l) => l.startsWith("backbeat: GraphQL at ")));
  });
});

describe("backbeat migrate", () => {
  it("migrates a fresh database, then finds it up to date", async () => {
    const admin = new pg.Client({ connectionString: process.env[TEST_ADMIN_URL_ENV] });
    await admin.connect();
    const name = `h4_migrate_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(process.env[TEST_ADMIN_URL_ENV]!);
      url.pathname = `/${name}`;
      const first = await backbeat(["migrate", "--database-url", url.toString()]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^applied \d+_\w+\n/);
      assert.match(first.stdout, /\d+ migration\(s\) applied\n$/);

      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM nodes");
      await db.end();
      assert.equal(rows[0]!.n, "0");

      const second = await backbeat(["migrate"], { env: { DATABASE_URL: url.toString() } });
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, "the database is up to date\n");
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it("an unreachable database is one line and exit code 1", async () => {
    const url = `postgresql://postgres:secret@127.0.0.1:${await freePort()}/nothing`;
    assertFails(
      await backbeat(["migrate", "--database-url", url]),
      1,
      /cannot migrate postgresql:\/\/postgres:\*\*\*@.*ECONNREFUSED/,
    );
  });
});
