// `backbeat start` and `backbeat migrate` run the server and the database code in this process. They are
// development dependencies of the published `backbeat` package (the server is not published): installed
// from npm, the API commands work and these two say, in one line, what they need instead of a stack trace.
import { CliError } from "./cli-error.ts";

const NEEDS_SERVER =
  "needs the Backbeat server, which this installation does not include: run it from a Backbeat checkout " +
  "(`pnpm start`, or `pnpm backbeat start`) and use the API commands here with --url";

/** Imports a package of the server; when it is not installed, a CliError that says so. */
export async function importServerPackage<T>(command: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const message = error instanceof Error ? error.message : "";
    if (code === "ERR_MODULE_NOT_FOUND" && /'@backbeat\/(server|db)[/']/.test(message)) {
      throw new CliError(`${command} ${NEEDS_SERVER}`);
    }
    throw error;
  }
}
