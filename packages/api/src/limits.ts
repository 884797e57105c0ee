// Request limits that protect the server from expensive or hostile queries. Documented in
// docs/graphql-api.md; the HTTP body limit lives with the HTTP server (apps/server).
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

export const LIMITS = {
  /** Nesting of fields in one operation (introspection's `ofType` chains are not counted). */
  maxDepth: 12,
  /** Estimated cost of one operation; see estimate() below. */
  maxCost: 10_000,
  /** What an aliased field costs on top of its own cost: an alias is how one document repeats a
   * lookup (each a resolver run and a database read), so 5,000 aliased lookups must not fit. */
  aliasCost: 20,
  /** Largest `first` of a paginated query. */
  maxPageSize: 100,
  defaultPageSize: 25,
  /** Assumed length of a list that has no `first` argument (children, status changes, …). */
  assumedListLength: 10,
  /** Largest HTTP request body. */
  maxBodyBytes: 1024 * 1024,
} as const;

/** operatorActions' default `first` (the agreed API: 50). */
export const OPERATOR_ACTIONS_PAGE = 50;

type Cost = { cost: number; depth: number; aliases: number };

/**
 * Cost of a selection: every field costs 1 (an aliased one LIMITS.aliasCost more), and what is
 * selected under a list-valued field is counted once per expected item: `first` items for
 * connections, LIMITS.assumedListLength for other lists. Depth is the longest chain of nested fields.
 */
function estimate(
  ctx: ValidationContext,
  set: SelectionSetNode,
  parentType: GraphQLNamedType | null | undefined,
  fragments: Set<string>,
): Cost {
  let cost = 0;
  let depth = 0;
  let aliases = 0;
  const add = (c: Cost) => {
    cost += c.cost;
    depth = Math.max(depth, c.depth);
    aliases += c.aliases;
  };
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      add(fieldCost(ctx, selection, parentType, fragments));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? ctx.getSchema().getType(selection.typeCondition.name.value) : parentType;
      add(estimate(ctx, selection.selectionSet, type ?? parentType, fragments));
    } else {
      const name = selection.name.value;
      const fragment: FragmentDefinitionNode | null | undefined = ctx.getFragment(name);
      // A fragment already on this path is a cycle: NoFragmentCyclesRule reports it.
      if (!fragment || fragments.has(name)) continue;
      const type = ctx.getSchema().getType(fragment.typeCondition.name.value) ?? parentType;
      add(estimate(ctx, fragment.selectionSet, type, new Set([...fragments, name])));
    }
  }
  return { cost, depth, aliases };
}

function fieldCost(
  ctx: ValidationContext,
  node: FieldNode,
  parentType: GraphQLNamedType | null | undefined,
  fragments: Set<string>,
): Cost {
  const fields: Record<string, GraphQLField<unknown, unknown>> = isObjectType(parentType) || isInterfaceType(parentType)
    ? parentType.getFields()
    : {};
  const field = fields[node.name.value];
  const aliased = node.alias ? 1 : 0;
  const own = 1 + aliased * LIMITS.aliasCost;
  if (!node.selectionSet || !field) return { cost: own, depth: 1, aliases: aliased };
  const childType = getNamedType(field.type);
  const inner = estimate(ctx, node.selectionSet, childType, fragments);
  const multiplier = isListType(getNullableType(field.type)) ? LIMITS.assumedListLength : (pageSizeOf(node) ?? 1);
  // `ofType` only unwraps one type reference: it never fans out, so it does not add depth.
  const ownDepth = node.name.value === "ofType" ? 0 : 1;
  return {
    cost: own + multiplier * inner.cost,
    depth: ownDepth + inner.depth,
    aliases: aliased + multiplier * inner.aliases,
  };
}

/** The page size a connection field asks for (a literal `first`, or the default). */
function pageSizeOf(node: FieldNode): number | null {
  if (!node.name.value.match(/^(workflows|nodes|operatorActions)$/) || !node.selectionSet) return null;
  const first = node.arguments?.find((a) => a.name.value === "first");
  if (first?.value.kind === Kind.INT) return Math.min(Number(first.value.value), LIMITS.maxPageSize);
  if (first) return LIMITS.maxPageSize; // a variable: assume the largest page
  return node.name.value === "operatorActions" ? OPERATOR_ACTIONS_PAGE : LIMITS.defaultPageSize;
}

/** A validation rule: refuses (as BAD_USER_INPUT) operations deeper or costlier than LIMITS. */
export const depthAndCostRule: ValidationRule = (ctx: ValidationContext): ASTVisitor => ({
  OperationDefinition(op) {
    const schema = ctx.getSchema();
    const root =
      op.operation === OperationTypeNode.QUERY
        ? schema.getQueryType()
        : op.operation === OperationTypeNode.MUTATION
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!root) return;
    const { cost, depth, aliases } = estimate(ctx, op.selectionSet, root, new Set());
    if (depth > LIMITS.maxDepth) {
      ctx.reportError(
        new GraphQLError(`Query is too deep: ${depth} levels, at most ${LIMITS.maxDepth} allowed`, { nodes: op }),
      );
    } else if (cost > LIMITS.maxCost) {
      ctx.reportError(
        new GraphQLError(
          `Query is too expensive: estimated cost ${cost} (${aliases} aliased fields, ${LIMITS.aliasCost} more each), at most ${LIMITS.maxCost} allowed`,
          { nodes: op },
        ),
      );
    }
  },
});
