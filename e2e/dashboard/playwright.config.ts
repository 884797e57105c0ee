// The dashboard's browser suite: a real Chromium (Debian's, never a downloaded build) against the
// built dashboard, a real server process and an embedded PostgreSQL started fresh by global-setup.ts.
// Run it with `pnpm run test:browser` (builds the dashboard first).
import path from "node:path";
import { defineConfig } from "@playwright/test";

const HERE = import.meta.dirname;

export default defineConfig({
  testDir: path.join(HERE, "tests"),
  testMatch: "**/*.spec.ts",
  outputDir: path.join(HERE, "test-results"),
  globalSetup: path.join(HERE, "global-setup.ts"),
  // One browser at a time: the machine is small, and the tests share one server and database.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 860 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
