// Every place the API takes an id, found from the schema (arguments and input fields of type ID,
// lists included) and from the REST routes (`:id` path segments): the requests with which one client
// probes another's ids. Each probe is built twice, with the other client's id and with a random one.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";

export type IdKind = "workflow" | "node" | "client";
export type Ids = Record<IdKind, string>;

export type GraphqlProbe = {
  label: string;
  /** The kind of id probed (whose id of the other client to try). */
  target: IdKind;
  kind: "query" | "mutation" | "subscription";
  /** The request body for a probed id (the caller's own ids everywhere else). */
  body: (probed: string) => string;
};

export type RestProbe = { label: string; target: IdKind; method: string; path: (probed: string) => string };

const CURSORS = new Set(["after", "before"]);

/** Which kind of id a field or argument named `name` (on an operation returning `returns`) takes. */
function kindOf(name: string, returns: string): IdKind | null {
  if (CURSORS.has(name)) return null;
  if (/client|acceptsWorkFrom/i.test(name)) return "client";
  if (/workflow/i.test(name)) return "workflow";
  if (/node|parentLink/i.test(name)) return "node";
  if (name === "id") return returns === "Workflow" ? "workflow" : returns === "Client" ? "client" : "node";
  return null;
}

function plausible(type: GraphQLInputType, own: Ids, name: string, returns: string): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [plausible(inner.ofType, own, name, returns)];
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields()))
      if (isNonNullType(f.type)) out[f.name] = plausible(f.type, own, f.name, returns);
    return out;
  }
  switch (getNamedType(inner).name) {
    case "ID":
      return own[kindOf(name, returns) ?? "node"];
    case "Int":
      return 1;
    case "Boolean":
      return true;
    case "JSON":
      return { probe: 1 };
    default:
      return "probe";
  }
}

export function graphqlProbes(schema: GraphQLSchema, own: Ids): GraphqlProbe[] {
  const probes: GraphqlProbe[] = [];
  const roots = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ] as const;
  for (const [kind, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const returns = getNamedType(field.type).name;
      const build = (set: (variables: Record<string, unknown>, probed: string) => void) => (probed: string) => {
        const variables: Record<string, unknown> = {};
        for (const a of field.args)
          if (isNonNullType(a.type)) variables[a.name] = plausible(a.type, own, a.name, returns);
        set(variables, probed);
        return JSON.stringify({ query: documentFor(kind, field), variables });
      };
      for (const arg of field.args) {
        const named = getNamedType(arg.type);
        const list = isListType(getNullableType(arg.type));
        const argKind = named.name === "ID" ? kindOf(arg.name, returns) : null;
        if (argKind) {
          probes.push({
            label: `${kind} ${field.name}(${arg.name})`,
            target: argKind,
            kind,
            body: build((v, probed) => (v[arg.name] = list ? [probed] : probed)),
          });
        } else if (isInputObjectType(named)) {
          for (const f of Object.values(named.getFields())) {
            const fieldKind = getNamedType(f.type).name === "ID" ? kindOf(f.name, returns) : null;
            if (!fieldKind) continue;
            probes.push({
              label: `${kind} ${field.name}(${arg.name}.${f.name})`,
              target: fieldKind,
              kind,
              body: build((v, probed) => {
                const object = (plausible(named, own, arg.name, returns) ?? {}) as Record<string, unknown>;
                object[f.name] = isListType(getNullableType(f.type)) ? [probed] : probed;
                v[arg.name] = list ? [object] : object;
              }),
            });
          }
        }
      }
    }
  }
  return probes;
}

function documentFor(kind: string, field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${kind}${defs ? `(${defs})` : ""} { ${field.name}${call ? `(${call})` : ""}${selection} }`;
}

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../../packages/rest/src/routes");

/** The REST routes with an `:id`, read from packages/rest's route files (workflows: workflow ids; activities: node ids). */
export function restProbes(): RestProbe[] {
  const probes: RestProbe[] = [];
  for (const file of readdirSync(ROUTES_DIR).filter((f) => f.endsWith(".ts"))) {
    const base = file.startsWith("activity") ? "/activities" : "/workflows";
    const text = readFileSync(path.join(ROUTES_DIR, file), "utf8");
    for (const [, method, route] of text.matchAll(/\.(get|post|put|delete|patch)\(\s*"([^"]*:id[^"]*)"/g)) {
      const filled = route!.replace(":status", "completed").replace(":name", "probe");
      probes.push({
        label: `${method!.toUpperCase()} ${base}${route}`,
        target: base === "/activities" ? "node" : "workflow",
        method: method!.toUpperCase(),
        path: (probed) => `${base}${filled.replace(":id", probed)}`,
      });
    }
  }
  return probes;
}
