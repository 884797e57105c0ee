// The browser suite's fixtures: where the stack runs (set by global-setup.ts), GraphQL as the admin,
// signing in through the real form, and a fake client application per test.
// Playwright reads a fixture's dependencies from its destructured first parameter, so "none" is `{}`.
/* eslint-disable no-empty-pattern */
import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { createSqlPool, execute, sql } from "@backbeat/db";
import { gql, type Json } from "../src/graphql-client.ts";
import { ADMIN_TOKEN } from "../src/server-process.ts";
import { startFakeClient, type FakeClient } from "./fake-client.ts";
import { STACK_ENV } from "./stack/start-stack.ts";

export { expect };

function stackUrl(key: keyof typeof STACK_ENV): string {
  const value = process.env[STACK_ENV[key]];
  if (!value)
    throw new Error(`${STACK_ENV[key]} is not set: run the suite through playwright.config.ts (global setup)`);
  return value;
}

export type Credentials = { login: string; password: string };

export const ADMIN: Credentials = { login: "admin", password: ADMIN_TOKEN };

/** Signs in through the form; resolves once the dashboard shows who is signed in. */
export async function signIn(page: Page, { login, password }: Credentials): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("signed-in-as")).toContainText(login);
}

type Fixtures = {
  graphqlUrl: string;
  /** A GraphQL call to the server with the admin token (setting up data, reading it back). */
  admin: (query: string, variables?: Json) => Promise<Json>;
  /** A fresh pull client with a running worker; stopped after the test. */
  fakeClient: FakeClient;
  /** A short unique tag for names and subjects, so tests never see each other's data. */
  tag: string;
  /**
   * Moves a node's last change `minutes` into the past, directly in the database: the server runs in its own
   * process with the real clock, and "unchanged for 5 minutes" cannot be waited for in a test.
   */
  ageNode: (nodeId: string, minutes: number) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => use(stackUrl("dashboardUrl")),
  graphqlUrl: async ({}, use) => use(stackUrl("graphqlUrl")),
  admin: async ({ graphqlUrl }, use) => use((query, variables) => gql(graphqlUrl, ADMIN_TOKEN, query, variables)),
  fakeClient: async ({ graphqlUrl }, use, testInfo) => {
    const client = await startFakeClient(graphqlUrl, ADMIN_TOKEN, `app-${testInfo.workerIndex}`);
    await use(client);
    await client.stop();
  },
  tag: async ({}, use) => use(randomUUID().slice(0, 8)),
  ageNode: async ({}, use) => {
    const pool = createSqlPool(stackUrl("databaseUrl"), 1);
    await use(async (nodeId, minutes) => {
      const changed = await execute(
        pool,
        sql`UPDATE nodes SET updated_at = now() - make_interval(mins => ${minutes}) WHERE id = ${nodeId}::uuid`,
      );
      expect(changed, `node ${nodeId} exists`).toBe(1);
    });
    await pool.end();
  },
});
