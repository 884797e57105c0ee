// Starts work: find-or-create the workflow ("purchase", its subject) and signal it.
import { BackbeatClient } from "@backbeat/client";

const client = new BackbeatClient({
  url: process.env.BACKBEAT_URL ?? "http://localhost:4000/graphql",
  token: process.env.BACKBEAT_TOKEN!,
});

const order = Number(process.argv[2] ?? 42);
const signal = await client.signal("purchase", { order }, "purchase", { clientData: { amount: 25 } });
console.log(JSON.stringify({ workflowId: signal.workflowId, nodeId: signal.id }));

// Later: read it back (statuses, responses, the tree).
const workflow = await client.workflow(signal.workflowId);
console.log(workflow.printTree);
