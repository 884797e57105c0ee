// The `backbeat` command line: picks the command, prints help, and turns every failure into one line on
// stderr and a non-zero exit code.
import { EXIT_USAGE, usageError } from "./cli-error.ts";
import { print, type Command } from "./command.ts";
import { clientCreate } from "./commands/client-create.ts";
import { migrate } from "./commands/migrate.ts";
import { operatorCreate } from "./commands/operator-create.ts";
import { start } from "./commands/start.ts";
import { workflowFind } from "./commands/workflow-find.ts";
import { workflowTree } from "./commands/workflow-tree.ts";
import { describeError } from "./describe-error.ts";

const COMMANDS: Record<string, Command | Record<string, Command>> = {
  start,
  migrate,
  client: { create: clientCreate },
  operator: { create: operatorCreate },
  workflow: { tree: workflowTree, find: workflowFind },
};

function isCommand(entry: Command | Record<string, Command>): entry is Command {
  return typeof entry.run === "function";
}

function listing(): string {
  const rows: [string, string][] = [];
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (isCommand(entry)) rows.push([name, entry.summary]);
    else for (const [sub, command] of Object.entries(entry)) rows.push([`${name} ${sub}`, command.summary]);
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, summary]) => `  ${name.padEnd(width)}   ${summary}`).join("\n");
}

const ROOT_HELP = `Usage: backbeat <command> [options]

Backbeat, the durable workflow service: run the server and manage it from the command line.

Commands:
${listing()}

Run \`backbeat <command> --help\` for a command's options.`;

function groupHelp(group: string, commands: Record<string, Command>): string {
  const rows = Object.entries(commands).map(([sub, c]) => `  backbeat ${group} ${sub}   ${c.summary}`);
  return `Usage: backbeat ${group} <command> [options]\n\nCommands:\n${rows.join("\n")}\n\nRun \`backbeat ${group} <command> --help\` for its options.`;
}

const wantsHelp = (argv: string[]) => argv.includes("--help") || argv.includes("-h");

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`${ROOT_HELP}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (name === "--help" || name === "-h" || name === "help") return print(ROOT_HELP);
  const entry = COMMANDS[name];
  if (!entry) throw usageError(`unknown command ${JSON.stringify(name)}`, "backbeat");
  if (isCommand(entry)) return wantsHelp(rest) ? print(entry.help) : entry.run(rest);
  const [sub, ...args] = rest;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    if (sub === undefined) {
      process.stderr.write(`${groupHelp(name, entry)}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    return print(groupHelp(name, entry));
  }
  const command = entry[sub];
  if (!command) throw usageError(`unknown command ${JSON.stringify(`${name} ${sub}`)}`, `backbeat ${name}`);
  return wantsHelp(args) ? print(command.help) : command.run(args);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const { message, exitCode } = describeError(error);
  process.stderr.write(`backbeat: ${message}\n`);
  process.exitCode = exitCode;
}
