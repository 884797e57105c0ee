// Where the example's programs find the server and their client's credentials: BACKBEAT_URL, and
// BACKBEAT_TOKEN / BACKBEAT_SIGNING_SECRET, or a JSON file {token, signingSecret} named by
// BACKBEAT_CLIENT_FILE (what `backbeat client create --json` prints, and what `pnpm start` keeps).
import { readFileSync } from "node:fs";
import path from "node:path";

export type ClientConfig = { url: string; token: string; signingSecret: string | null };

export function readClientConfig(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const url = env.BACKBEAT_URL || "http://localhost:4000/graphql";
  if (env.BACKBEAT_CLIENT_FILE) {
    const file = JSON.parse(readFileSync(env.BACKBEAT_CLIENT_FILE, "utf8")) as {
      token?: unknown;
      signingSecret?: unknown;
    };
    if (typeof file.token !== "string") throw new Error(`${env.BACKBEAT_CLIENT_FILE} has no "token"`);
    return {
      url,
      token: file.token,
      signingSecret: typeof file.signingSecret === "string" ? file.signingSecret : null,
    };
  }
  if (!env.BACKBEAT_TOKEN) {
    throw new Error("set BACKBEAT_TOKEN (a client token from `pnpm backbeat client create`) or BACKBEAT_CLIENT_FILE");
  }
  return { url, token: env.BACKBEAT_TOKEN, signingSecret: env.BACKBEAT_SIGNING_SECRET || null };
}

/** True when this module is the program being run (node … src/<file>.ts), not an import. */
export function isMain(moduleFile: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === moduleFile;
}

/** Runs a program's main: a failure is one line on stderr and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

/** Calls `stop` once on SIGINT or SIGTERM, then exits 0. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    void stop().then(() => process.exit(0));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
