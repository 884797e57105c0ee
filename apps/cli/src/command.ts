// The shape of one command: a line for the list, its --help text, and what it does with its arguments.
export type Command = {
  summary: string;
  help: string;
  run: (argv: string[]) => Promise<void>;
};

/** Results go to stdout (so they can be piped); everything else to stderr. */
export function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
