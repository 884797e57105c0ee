// The status changes of a few nodes of one workflow, for the waterfall's attempt segments: the browser asks only
// for the retried nodes (attempt > 1) in view (`?node=<id>&node=<id>`, at most MAX_NODES), so a 10,000-node
// workflow never loads every node's history. Answers `{ "<nodeId>": [{ statusType, toStatus, createdAt }] }`;
// a node that is not found, or not in this workflow, is left out.
import type { NextRequest } from "next/server";
import { NodeAttemptsDocument, type NodeAttemptsQuery } from "@/generated/graphql";
import { gql, GraphQLRequestError } from "@/lib/graphql";

export const dynamic = "force-dynamic";

const MAX_NODES = 40;
/** Parallel reads to the server per request. */
const CONCURRENCY = 6;

type Changes = NonNullable<NodeAttemptsQuery["node"]>["statusChanges"];

type Params = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Params): Promise<Response> {
  const { id: workflowId } = await params;
  const ids = [...new Set(request.nextUrl.searchParams.getAll("node"))];
  if (ids.length === 0 || ids.length > MAX_NODES) {
    return Response.json({ error: `between 1 and ${MAX_NODES} node ids` }, { status: 400 });
  }
  const found: Record<string, Changes> = {};
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        const { node } = await gql(NodeAttemptsDocument, { id });
        if (node && node.workflowId === workflowId) found[node.id] = node.statusChanges;
      } catch (e) {
        // An unknown or malformed id is left out; anything else (the server unreachable) is an error.
        if (!(e instanceof GraphQLRequestError && (e.code === "NOT_FOUND" || e.code === "BAD_USER_INPUT"))) throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return Response.json(found, { headers: { "cache-control": "no-store" } });
}
