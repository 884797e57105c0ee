// Test databases: a template built once per test run (migrations applied), cloned per test file.
// The test runner (scripts/test.ts) starts the PostgreSQL server and sets the two variables below.
import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import pg from "pg";

export const TEST_ADMIN_URL_ENV = "BACKBEAT_TEST_ADMIN_URL";
export const TEST_TEMPLATE_ENV = "BACKBEAT_TEST_TEMPLATE";

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

function adminUrl(): string {
  const url = process.env[TEST_ADMIN_URL_ENV];
  if (!url) throw new Error(`${TEST_ADMIN_URL_ENV} is not set: run tests through \`pnpm test\` (scripts/test.ts)`);
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database with every migration applied, private to the caller. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEST_TEMPLATE_ENV] ?? "backbeat_template";
  const name = `test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A loopback TCP port that was free a moment ago (for a test server, or one nobody listens on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
