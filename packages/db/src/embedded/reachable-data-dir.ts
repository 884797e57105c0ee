// The data folder the `postgres` OS user will own. The one asked for when that user can reach its parent
// folder; otherwise (root in a folder other users cannot traverse) one in the shared folder named after
// the asked path, so that every start from the same checkout finds the same database.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { canReach } from "./can-reach.ts";
import type { OsUser } from "./postgres-os-user.ts";
import { sharedFolder } from "./shared-folder.ts";

export function reachableDataDir(asked: string, user: OsUser | null): string {
  if (!user) return asked;
  mkdirSync(path.dirname(asked), { recursive: true });
  if (canReach(path.dirname(asked), user)) return asked;
  const hash = createHash("sha256").update(asked).digest("hex").slice(0, 16);
  return path.join(sharedFolder(), `data-${hash}`);
}
