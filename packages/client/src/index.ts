// @backbeat/client: start work (signal), run it (push handler or pull worker) and read it back, from any Node project.
export { BackbeatClient, type ClientOptions } from "./client.ts";
export {
  AuthenticationError,
  BackbeatError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type ErrorExtensions,
} from "./errors.ts";
export { reconnectDelay, type BackoffOptions } from "./backoff.ts";
export { createPullWorker, type PullWorker, type PullWorkerOptions } from "./pull.ts";
export {
  createPushHandler,
  type Notification,
  type PushHandler,
  type PushHandlerOptions,
  type RescueHandler,
} from "./push.ts";
export { type Handler, type HandlerContext, type PushedNode } from "./run-node.ts";
export { SIGNATURE_HEADER, sign, verifySignature } from "./signature.ts";
export type * from "./types.ts";
// The typed documents and their result/variable types, for `client.request(document, variables)`.
export * as documents from "./generated/graphql.ts";
