// Hostile GraphQL requests generated from the schema (packages/api/schema.graphql): every root field
// of Query, Mutation and Subscription, its arguments filled with plausible values except one or two
// filled with something hostile (NUL bytes, lone surrogates, huge numbers, deep JSON, wrong types,
// unknown or malformed ids). A seeded generator, so a failure names a request that can be made again.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";

const SCHEMA_FILE = path.resolve(import.meta.dirname, "../../../packages/api/schema.graphql");

export type Operation = {
  /** "Mutation.signalWorkflow: input.name = <NUL>" */
  label: string;
  kind: "query" | "mutation" | "subscription";
  /** The request body's JSON text (payload of a graphql-ws Subscribe message as well). */
  payload: string;
};

/** Ids that exist (the caller's own), so that a hostile value meets a real row now and then. */
export type KnownIds = { ids: string[] };

function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { n: v };
  return v;
}

const HOSTILE: { name: string; value: () => unknown }[] = [
  { name: "NUL", value: () => "a\u0000b" },
  { name: "lone high surrogate", value: () => "\ud800" },
  { name: "lone low surrogate", value: () => "x\udc00y" },
  { name: "NUL key", value: () => ({ "k\u0000": 1 }) },
  { name: "surrogate key", value: () => ({ "\udbff": 1 }) },
  { name: "huge number", value: () => 1e308 },
  { name: "2^53+1", value: () => 2 ** 53 + 1 },
  { name: "2^31", value: () => 2 ** 31 },
  { name: "negative", value: () => -1 },
  { name: "fraction", value: () => 0.5 },
  { name: "JSON 70 deep", value: () => nested(70) },
  { name: "JSON 1,000 deep", value: () => nested(1000) },
  { name: "empty object", value: () => ({}) },
  { name: "array", value: () => [1, "two", null] },
  { name: "boolean", value: () => true },
  { name: "null", value: () => null },
  { name: "empty string", value: () => "" },
  { name: "300 characters", value: () => "x".repeat(300) },
  { name: "70,000 characters", value: () => "y".repeat(70_000) },
  { name: "random uuid", value: () => randomUUID() },
  { name: "zero uuid", value: () => "00000000-0000-0000-0000-000000000000" },
  { name: "malformed id", value: () => "not-an-id'; DROP TABLE nodes; --" },
  { name: "number as id", value: () => 12345 },
  { name: "huge cursor", value: () => "99999999999999999999999" },
  { name: "unknown enum", value: () => "NOT_A_VALUE" },
  { name: "lower-case enum", value: () => "completed" },
];

/** A tiny seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(SCHEMA_FILE, "utf8"));
}

export class HostileGenerator {
  private readonly fields: { kind: Operation["kind"]; field: GraphQLField<unknown, unknown> }[];

  constructor(
    schema: GraphQLSchema,
    private readonly random: () => number,
    private readonly known: KnownIds,
  ) {
    const roots = [
      ["query", schema.getQueryType()],
      ["mutation", schema.getMutationType()],
      ["subscription", schema.getSubscriptionType()],
    ] as const;
    this.fields = roots.flatMap(([kind, type]) =>
      type ? Object.values(type.getFields()).map((field) => ({ kind, field })) : [],
    );
  }

  get rootFieldCount(): number {
    return this.fields.length;
  }

  /** `n` operations, cycling over every root field so each is hit about equally. */
  operations(n: number): Operation[] {
    return Array.from({ length: n }, (_, i) => this.operation(this.fields[i % this.fields.length]!));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private operation({ kind, field }: { kind: Operation["kind"]; field: GraphQLField<unknown, unknown> }): Operation {
    const args = field.args;
    // One or two arguments (or input fields) get a hostile value; the others a plausible one.
    const targets = new Set<string>();
    if (args.length > 0) {
      targets.add(this.pick(args).name);
      if (this.random() < 0.3) targets.add(this.pick(args).name);
    }
    const notes: string[] = [];
    const variables: Record<string, unknown> = {};
    for (const arg of args) {
      const hostile = targets.has(arg.name);
      const value = hostile ? this.hostileFor(arg, notes) : this.plausible(arg.type, 0);
      if (value !== undefined) variables[arg.name] = value;
    }
    const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
    const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
    const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
    const query = `${kind}${defs ? `(${defs})` : ""} { ${field.name}${call ? `(${call})` : ""}${selection} }`;
    return {
      label: `${kind} ${field.name}${notes.length ? `: ${notes.join(", ")}` : ""}`,
      kind,
      payload: JSON.stringify({ query, variables }),
    };
  }

  /** A hostile value for the argument itself, or (for an input object) for one of its fields. */
  private hostileFor(arg: GraphQLArgument, notes: string[]): unknown {
    const named = getNamedType(arg.type);
    if (isInputObjectType(named) && this.random() < 0.7) {
      const object = (this.plausible(named, 0) as Record<string, unknown> | undefined) ?? {};
      const value = isListType(getNullableType(arg.type)) ? [object] : object;
      const fields = Object.values(named.getFields());
      const target = this.pick(fields);
      const hostile = this.pick(HOSTILE);
      notes.push(`${arg.name}.${target.name} = ${hostile.name}`);
      object[target.name] = hostile.value();
      return value;
    }
    const hostile = this.pick(HOSTILE);
    notes.push(`${arg.name} = ${hostile.name}`);
    return hostile.value();
  }

  private plausible(type: GraphQLInputType, depth: number): unknown {
    const inner = getNullableType(type);
    if (!isNonNullType(type) && this.random() < 0.3) return undefined;
    if (isListType(inner)) return [this.plausible(inner.ofType, depth + 1)];
    if (isEnumType(inner)) return this.pick(inner.getValues()).name;
    if (isInputObjectType(inner)) {
      if (depth > 3) return undefined;
      const out: Record<string, unknown> = {};
      for (const f of Object.values(inner.getFields())) {
        const v = this.plausible(f.type, depth + 1);
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    }
    if (isScalarType(inner)) {
      switch (inner.name) {
        case "ID":
          return this.random() < 0.7 && this.known.ids.length ? this.pick(this.known.ids) : randomUUID();
        case "Int":
          return 1;
        case "Float":
          return 1.5;
        case "Boolean":
          return true;
        case "JSON":
          return { k: "v" };
        case "DateTime":
          return new Date(0).toISOString();
        default:
          return "chaos";
      }
    }
    return null;
  }
}
