// The original REST API (reference §7–§8) as one express router, mounted at the root of the same
// server as /graphql: /workflows and /activities, and the deprecated /v2/workflows and /v2/events
// aliases of the same handlers. Every route needs a client token (auth.ts).
import type { Engine } from "@backbeat/engine";
import express, { Router, type RequestHandler } from "express";
import { authenticate } from "./auth.ts";
import { errorHandler } from "./errors.ts";
import { activityActionRoutes } from "./routes/activity-actions.ts";
import { activityReadRoutes } from "./routes/activity-reads.ts";
import { workflowActionRoutes } from "./routes/workflow-actions.ts";
import { workflowNodeRoutes } from "./routes/workflow-nodes.ts";
import { workflowRoutes } from "./routes/workflows.ts";

/** Same bound as GraphQL's request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type RestOptions = { engine: Engine; logError: (error: unknown) => void };

/** A path under the API that no route serves: JSON, like every other answer here. */
const noRoute: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ errorClass: "RoutingError", message: `No route ${req.method} ${req.originalUrl.split("?")[0]}` });
};

export function restRouter({ engine, logError }: RestOptions): Router {
  const json = express.json({ limit: MAX_BODY_BYTES });
  const workflows = Router().use(
    workflowRoutes(engine),
    workflowActionRoutes(engine),
    workflowNodeRoutes(engine),
    noRoute,
  );
  const activities = Router().use(activityReadRoutes(engine), activityActionRoutes(engine), noRoute);
  return Router()
    .use(["/workflows", "/v2/workflows"], authenticate(engine), json, workflows)
    .use(["/activities", "/v2/events"], authenticate(engine), json, activities)
    .use(errorHandler(logError));
}
