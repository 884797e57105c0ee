// A module resolution hook (node:module register) that adds the "backbeat-compiled" export condition: the
// workspace packages then resolve to their compiled dist/ (see bin/backbeat.js) rather than their sources.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "backbeat-compiled"] });
}
