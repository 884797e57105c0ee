-- The operator dashboard's queries on nodes, each served by a partial index that holds only its
-- rows, already in its order (Prisma's schema cannot express partial indexes; they live here).
-- Overview's oldest stuck nodes (find-oldest-stuck-nodes.ts): unfinished, longest unchanged first.
CREATE INDEX "nodes_unfinished_updated_at_idx" ON "nodes" ("updated_at", "id")
  WHERE "server_status" NOT IN ('complete', 'deactivated');
-- Bulk preview/action (bulk-candidates.ts): the failed nodes, oldest first. The predicate is that
-- query's, word for word, so the planner can prove the index covers it.
CREATE INDEX "nodes_failed_seq_idx" ON "nodes" ("seq")
  WHERE "server_status" IN ('errored', 'retrying', 'retries_exhausted', 'pending')
  AND "client_status" IN ('errored', 'pending')
  AND ("server_status" IN ('errored', 'retries_exhausted') OR "client_status" = 'errored');
