// `backbeat operator create`: adds a dashboard operator (admin token). The password comes from stdin or the
// environment, never from the command line, where other users could read it in the process list.
import { API_HELP, API_OPTIONS, connect } from "../api.ts";
import { usageError } from "../cli-error.ts";
import { print, type Command } from "../command.ts";
import { CreateOperatorDocument, type OperatorRole } from "../generated/graphql.ts";
import { parse, required } from "../parse.ts";

const NAME = "backbeat operator create";
const ROLES = ["viewer", "operator", "admin"] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export const operatorCreate: Command = {
  summary: "add an operator who signs in to the dashboard (viewer, operator or admin)",
  help: `Usage: ${NAME} --login <login> --role viewer|operator|admin [--password-stdin] [--json]
                                [--url <url>] [--token <token>]

Adds an operator. The password is read from stdin with --password-stdin (its first line), otherwise from
BACKBEAT_OPERATOR_PASSWORD. Needs the admin token (or an ADMIN operator's session token).

Options:
  --login <login>      3-64 characters: letters, digits and . _ @ - (required)
  --role <role>        viewer (reads), operator (also acts) or admin (also manages operators) (required)
  --password-stdin     read the password from stdin
  --json               print the operator as JSON
${API_HELP}
  -h, --help           show this help`,
  run: async (argv) => {
    const { values } = parse(
      argv,
      {
        ...API_OPTIONS,
        login: { type: "string" },
        role: { type: "string" },
        "password-stdin": { type: "boolean" },
        json: { type: "boolean" },
      },
      NAME,
    );
    const login = required(values.login, "--login", NAME);
    const role = required(values.role, "--role", NAME).toLowerCase();
    if (!(ROLES as readonly string[]).includes(role)) {
      throw usageError(`--role must be viewer, operator or admin, not ${JSON.stringify(values.role)}`, NAME);
    }
    const password = values["password-stdin"]
      ? (await readStdin()).split(/\r?\n/)[0]!
      : process.env.BACKBEAT_OPERATOR_PASSWORD;
    if (!password) throw usageError("no password: use --password-stdin or set BACKBEAT_OPERATOR_PASSWORD", NAME);
    const api = connect(values, NAME);
    const { createOperator } = await api.request(CreateOperatorDocument, {
      input: { login, password, role: role.toUpperCase() as OperatorRole },
    });
    if (values.json) return print(JSON.stringify(createOperator));
    print(`operator ${createOperator.login} (${createOperator.role.toLowerCase()}) created, id ${createOperator.id}`);
  },
};
