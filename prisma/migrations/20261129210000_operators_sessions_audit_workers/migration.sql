-- Operators of the dashboard (roles, bcrypt password hashes), their sessions (SHA-256 of the
-- bearer token only), the operator audit log, and the open pull subscriptions behind
-- Client.connectedWorkers (one row per open nodesToRun subscription, refreshed by its process).

CREATE TABLE "operators" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "login" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "operators_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "operators_login_key" ON "operators"("login");
ALTER TABLE "operators" ADD CONSTRAINT "operators_role_check" CHECK ("role" IN ('viewer','operator','admin'));

-- operator_id is null for the built-in admin (signed in with the admin token).
CREATE TABLE "operator_sessions" (
    "id" BIGSERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "operator_id" UUID,
    "login" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "operator_sessions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "operator_sessions_token_hash_key" ON "operator_sessions"("token_hash");
CREATE INDEX "operator_sessions_expires_at_idx" ON "operator_sessions"("expires_at");
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_operator_id_fkey"
    FOREIGN KEY ("operator_id") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_role_check" CHECK ("role" IN ('viewer','operator','admin'));

CREATE TABLE "operator_actions" (
    "id" BIGSERIAL NOT NULL,
    "operator" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" JSONB,
    "result" TEXT NOT NULL,
    "message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "operator_actions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "operator_actions_created_at_id_idx" ON "operator_actions"("created_at" DESC, "id" DESC);
ALTER TABLE "operator_actions" ADD CONSTRAINT "operator_actions_result_check" CHECK ("result" IN
    ('ok','BAD_USER_INPUT','NOT_FOUND','CONFLICT','FORBIDDEN','UNAUTHENTICATED','INTERNAL_SERVER_ERROR'));

CREATE TABLE "pull_workers" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "process_id" TEXT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "pull_workers_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "pull_workers_client_id_seen_at_idx" ON "pull_workers"("client_id", "seen_at");
ALTER TABLE "pull_workers" ADD CONSTRAINT "pull_workers_client_id_fkey"
    FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;
