// Validation and defaults for new nodes: signals (reference §3.8) and children (§7.5).
// Bad input is refused with a message before anything is written (PRODUCT.md #4).
import { BadInputError } from "./errors.ts";
import { isJsonObject, jsonBytes } from "./json.ts";
import { isNodeMode, isNodeType, type NodeMode, type NodeType } from "./modes.ts";

export type NodeInput = {
  name: string;
  mode?: string | null;
  type?: string | null;
  clientData?: unknown;
  metadata?: unknown;
  firesAt?: Date | null;
  retry?: number | null;
  retryInterval?: number | null;
  clientId?: string | null;
  parentLinkId?: string | null;
};

export type NewNodeFields = {
  name: string;
  mode: NodeMode;
  type: NodeType;
  clientData: Record<string, unknown>;
  metadata: Record<string, unknown>;
  firesAt: Date;
  retriesRemaining: number;
  retryInterval: number;
  clientId: string | null;
  parentLinkId: string | null;
};

export const DEFAULT_RETRIES = 6;
export const DEFAULT_RETRY_INTERVAL_SECONDS = 1200;
/** Documented limits: a node's clientData and metadata are at most 64 KiB of JSON each. */
export const MAX_JSON_BYTES = 64 * 1024;
export const MAX_NAME_LENGTH = 255;
/** At most this many children in one addChildren call. */
export const MAX_CHILDREN_PER_CALL = 10_000;
const MAX_RETRIES = 1000;
const MAX_RETRY_INTERVAL_SECONDS = 365 * 24 * 3600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function assertUuid(value: string, field: string): void {
  if (!isUuid(value)) throw new BadInputError(`${field} is not a valid id: ${JSON.stringify(value)}`);
}

export function assertName(name: unknown, field = "name"): asserts name is string {
  if (typeof name !== "string" || name.trim() === "") throw new BadInputError(`${field} is required`);
  if (name.length > MAX_NAME_LENGTH) throw new BadInputError(`${field} is longer than ${MAX_NAME_LENGTH} characters`);
}

export function assertJsonSize(value: unknown, field: string): void {
  if (jsonBytes(value) > MAX_JSON_BYTES)
    throw new BadInputError(`${field} is larger than ${MAX_JSON_BYTES} bytes of JSON`);
}

function jsonObject(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw new BadInputError(`${field} must be a JSON object`);
  assertJsonSize(value, field);
  return value;
}

function boundedInt(value: number | null | undefined, field: string, fallback: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new BadInputError(`${field} must be a whole number ≥ 0`);
  if (value > max) throw new BadInputError(`${field} must be at most ${max}`);
  return value;
}

/**
 * Applies the original's defaults: mode blocking, type activity, fires now − 1 s, 6 retries,
 * 1200 s interval. `now` is passed in: the core never reads the clock.
 */
export function normalizeNodeInput(input: NodeInput, now: Date, prefix = "input"): NewNodeFields {
  assertName(input.name, `${prefix}.name`);
  const mode = input.mode ?? "blocking";
  if (!isNodeMode(mode))
    throw new BadInputError(
      `${prefix}.mode must be blocking, non_blocking or fire_and_forget, not ${JSON.stringify(mode)}`,
    );
  const type = input.type ?? "activity";
  if (!isNodeType(type))
    throw new BadInputError(`${prefix}.type must be decision, activity or flag, not ${JSON.stringify(type)}`);
  const firesAt = input.firesAt ?? new Date(now.getTime() - 1000);
  if (!(firesAt instanceof Date) || Number.isNaN(firesAt.getTime()))
    throw new BadInputError(`${prefix}.firesAt is not a valid time`);
  if (input.clientId != null) assertUuid(input.clientId, `${prefix}.clientId`);
  if (input.parentLinkId != null) assertUuid(input.parentLinkId, `${prefix}.parentLinkId`);
  return {
    name: input.name,
    mode,
    type,
    clientData: jsonObject(input.clientData, `${prefix}.clientData`),
    metadata: jsonObject(input.metadata, `${prefix}.metadata`),
    firesAt,
    retriesRemaining: boundedInt(input.retry, `${prefix}.retry`, DEFAULT_RETRIES, MAX_RETRIES),
    retryInterval: boundedInt(
      input.retryInterval,
      `${prefix}.retryInterval`,
      DEFAULT_RETRY_INTERVAL_SECONDS,
      MAX_RETRY_INTERVAL_SECONDS,
    ),
    clientId: input.clientId ?? null,
    parentLinkId: input.parentLinkId ?? null,
  };
}
