// A worker the server pushes nodes to: the client's activity, decision and notification endpoints point here.
import { createServer } from "node:http";
import { BackbeatClient, createPushHandler } from "@backbeat/client";
import { handlers } from "./handlers.ts";

const client = new BackbeatClient({
  url: process.env.BACKBEAT_URL ?? "http://localhost:4000/graphql",
  token: process.env.BACKBEAT_TOKEN!,
});

const push = createPushHandler({
  client,
  signingSecret: process.env.BACKBEAT_SIGNING_SECRET!, // requests without a valid signature get 401
  handlers,
  // Notifications: "Client Error" once a node's retries are exhausted.
  rescue: {
    "charge card": async (n) => {
      console.error(`${n.notification.message} on node ${n.node.id}:`, n.error);
      await n.shutdown({ reason: "card refused for good" }); // or n.resolve(): its children run
    },
  },
});
const server = createServer(push).listen(Number(process.env.PORT ?? 5000), () => console.log("listening"));

// Graceful shutdown: answer 503 to new deliveries (the server retries them), finish the running ones.
process.on("SIGTERM", () => void push.close().then(() => server.close()));
