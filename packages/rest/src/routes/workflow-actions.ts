// Signals and the workflow flags (reference §3.8, §6.1–§6.2, §8.1): the engine's commands.
import type { Engine } from "@backbeat/engine";
import { Router, type Request, type Response } from "express";
import { callerOf } from "../auth.ts";
import { nodeInputOf, unwrapArgs } from "../node-input.ts";
import { presentNode } from "../presenters.ts";
import { paramsOf, pathId, SUCCESS } from "../request.ts";

export function workflowActionRoutes(engine: Engine): Router {
  const r = Router();

  const signal = (nameFromPath: boolean) => async (req: Request, res: Response) => {
    const id = pathId(req);
    const input = nodeInputOf(unwrapArgs(paramsOf(req)), nameFromPath ? String(req.params.name) : undefined);
    const node = await engine.signalWorkflow(callerOf(res), id, input);
    res.status(201).json(await presentNode(engine.sql, node));
  };
  r.post("/:id/signal", signal(false));
  r.post("/:id/signal/:name", signal(true));

  r.put("/:id/complete", async (req, res) => {
    await engine.completeWorkflow(callerOf(res), pathId(req));
    res.json(SUCCESS);
  });
  r.put("/:id/pause", async (req, res) => {
    await engine.pauseWorkflow(callerOf(res), pathId(req));
    res.json(SUCCESS);
  });
  r.put("/:id/resume", async (req, res) => {
    await engine.resumeWorkflow(callerOf(res), pathId(req));
    res.json(SUCCESS);
  });

  return r;
}
