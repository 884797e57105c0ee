// @backbeat/client: start work (signal), run it (push handler) and read it back, from any Node project.
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
export {
  createPushHandler,
  type Handler,
  type HandlerContext,
  type Notification,
  type PushedNode,
  type PushHandler,
  type PushHandlerOptions,
} from "./push.ts";
export { SIGNATURE_HEADER, sign, verifySignature } from "./signature.ts";
export type * from "./types.ts";
