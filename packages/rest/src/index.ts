// @backbeat/rest: the original Backbeat REST API (for backbeat_ruby applications) over the engine's
// commands and the db's read queries, beside GraphQL. apps/server mounts restRouter at the root.
export { restRouter, MAX_BODY_BYTES, type RestOptions } from "./router.ts";
export { REST_PUSH_TIMEOUT_SECONDS } from "./auth.ts";
