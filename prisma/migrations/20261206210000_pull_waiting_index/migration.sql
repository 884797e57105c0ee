-- Pull delivery (claim-pull-nodes.ts) lists a client's nodes waiting for a worker, oldest first, on
-- every fill: an index of only those rows keeps that read as small as the backlog, however many
-- nodes the client ran before. The predicate is the query's, word for word.
CREATE INDEX "nodes_pull_waiting_idx" ON "nodes" ("client_id", "seq")
  WHERE "server_status" = 'sent_to_client' AND "client_status" IN ('received', 'processing');
