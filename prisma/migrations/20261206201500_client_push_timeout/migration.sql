-- How long a push to this client may take (seconds). Null: the engine's outbound timeout
-- (BACKBEAT_HTTP_TIMEOUT_MS, 30 s). Clients of the original REST API run the node inside the push
-- request, so the REST layer gives them 60 s the first time they call it (packages/rest/src/auth.ts).
ALTER TABLE "clients" ADD COLUMN "push_timeout_seconds" INTEGER;
ALTER TABLE "clients" ADD CONSTRAINT "clients_push_timeout_seconds_check"
  CHECK ("push_timeout_seconds" IS NULL OR "push_timeout_seconds" BETWEEN 1 AND 3600);
