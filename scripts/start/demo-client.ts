// The demo's client application: created once with the admin token and kept in <state dir>/demo-client.json
// (mode 600), reused on the next start, and created again when the server no longer accepts its token (a new
// database, say).
import { readFileSync, writeFileSync } from "node:fs";

export type DemoClient = { id: string; token: string; signingSecret: string };

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Answer;
}

function readKept(file: string): DemoClient | null {
  try {
    const kept = JSON.parse(readFileSync(file, "utf8")) as Partial<DemoClient>;
    return typeof kept.id === "string" && typeof kept.token === "string" && typeof kept.signingSecret === "string"
      ? (kept as DemoClient)
      : null;
  } catch {
    return null;
  }
}

export async function ensureDemoClient(url: string, adminToken: string, file: string): Promise<DemoClient> {
  const kept = readKept(file);
  if (kept) {
    const check = await gql(url, kept.token, "{ workflows(first: 1) { edges { cursor } } }");
    if (!check.errors?.length) return kept;
    if (check.errors[0]?.extensions?.code !== "UNAUTHENTICATED") {
      throw new Error(`the demo client's token check failed: ${check.errors[0]?.message}`);
    }
  }
  const created = await gql(
    url,
    adminToken,
    `mutation($input: CreateClientInput!) { createClient(input: $input) { token signingSecret client { id } } }`,
    // No activityEndpoint: the demo's worker pulls its nodes, so nothing has to listen for the server.
    { input: { name: "camera shop (demo)" } },
  );
  const answer = created.data?.createClient as { token: string; signingSecret: string; client: { id: string } };
  if (created.errors?.length || !answer) {
    throw new Error(`cannot create the demo client: ${created.errors?.[0]?.message ?? "no answer"}`);
  }
  const client = { id: answer.client.id, token: answer.token, signingSecret: answer.signingSecret };
  writeFileSync(file, `${JSON.stringify(client, null, 2)}\n`, { mode: 0o600 });
  return client;
}
