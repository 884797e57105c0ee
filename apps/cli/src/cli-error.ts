// An error the CLI reports as one line on stderr (no stack trace), with its exit code.

/** Exit codes: 1 for a failure, 2 for a command line that cannot be run (unknown command or flag, bad value). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}

export function usageError(message: string, helpCommand: string): CliError {
  return new CliError(`${message} (see \`${helpCommand} --help\`)`, EXIT_USAGE);
}
