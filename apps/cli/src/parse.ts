// node:util parseArgs with the CLI's error convention: a malformed command line is a usage error
// naming the command's --help, never a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { usageError } from "./cli-error.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse<O extends Options>(argv: string[], options: O, command: string, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    // node's messages go on with advice about "--"; the first sentence is the useful part.
    const message = error instanceof Error ? error.message.split(". ")[0]!.replace(/\.$/, "") : String(error);
    throw usageError(message, command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw usageError(`unexpected argument ${JSON.stringify(parsed.positionals[maxPositionals])}`, command);
  }
  return parsed;
}

export function required(value: string | undefined, flag: string, command: string): string {
  if (value === undefined || value === "") throw usageError(`${flag} is required`, command);
  return value;
}
