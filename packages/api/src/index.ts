// @backbeat/api: the GraphQL schema of the contract (type-graphql), with authentication, error
// formatting and request limits. Transports (apps/server: HTTP and WebSocket) compose these.
export { buildBackbeatSchema } from "./schema.ts";
export {
  contextFor,
  DEFAULT_AUTH_SETTINGS,
  type ApiContext,
  type AuthSettings,
  type Identity,
  type OperatorPrincipal,
  type Subscriptions,
} from "./context.ts";
export { isSignInOnly } from "./sign-in-only.ts";
export { createAuthenticator, bearerToken, ADMIN_OPERATOR, type Authenticator } from "./auth.ts";
export { SESSION_TOKEN_PREFIX } from "./operator/session-token.ts";
export { formatError, ForbiddenError, UnauthenticatedError, INTERNAL_MESSAGE, type ErrorLogger } from "./errors.ts";
export { depthAndCostRule, LIMITS } from "./limits.ts";
