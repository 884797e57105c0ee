-- Node search (packages/db/src/queries/search-nodes.ts) lists newest first, ORDER BY created_at
-- DESC, id DESC with a keyset cursor: this index serves the order and the cursor without a sort.
-- Not CONCURRENTLY, because migrations run in a transaction: on a large table, writes to nodes
-- wait while it builds.
CREATE INDEX "nodes_created_at_id_idx" ON "nodes"("created_at" DESC, "id" DESC);
