// Node modes and legacy types (reference §3.5, §3.7).

export const NODE_MODES = ["blocking", "non_blocking", "fire_and_forget"] as const;
export type NodeMode = (typeof NODE_MODES)[number];

/** decision → the decision endpoint; flag → no client at all; activity → the activity endpoint. */
export const NODE_TYPES = ["decision", "activity", "flag"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function isNodeMode(value: string): value is NodeMode {
  return (NODE_MODES as readonly string[]).includes(value);
}

export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}
