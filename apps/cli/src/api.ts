// How the API commands reach the server: --url / BACKBEAT_URL, and a token from --token,
// BACKBEAT_ADMIN_TOKEN or the admin-token file that `pnpm start` / `backbeat start` keep.
import { BackbeatClient } from "@backbeat/client";
import { adminTokenFile, readAdminTokenFile } from "./admin-token.ts";
import { CliError, usageError } from "./cli-error.ts";

export const DEFAULT_URL = "http://localhost:4000/graphql";

export const API_OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
} as const;

export const API_HELP = `  --url <url>        the server's GraphQL endpoint (env BACKBEAT_URL; default ${DEFAULT_URL})
  --token <token>    the admin token (env BACKBEAT_ADMIN_TOKEN; default: the token kept in .data/admin-token)`;

export function graphqlUrl(flag: string | undefined, command: string): string {
  // An empty variable counts as unset.
  const raw = flag ?? (process.env.BACKBEAT_URL || DEFAULT_URL);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`--url is not a URL: ${JSON.stringify(raw)}`, command);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`--url must be http(s): ${raw}`, command);
  if (url.pathname === "/") url.pathname = "/graphql";
  return url.toString();
}

export function connect(values: { url?: string; token?: string }, command: string): BackbeatClient {
  const url = graphqlUrl(values.url, command);
  const token = values.token ?? (process.env.BACKBEAT_ADMIN_TOKEN || readAdminTokenFile());
  if (!token) {
    throw new CliError(
      `no token: pass --token, set BACKBEAT_ADMIN_TOKEN, or start the server with \`pnpm start\` (it keeps one in ${adminTokenFile()})`,
    );
  }
  return new BackbeatClient({ url, token });
}
