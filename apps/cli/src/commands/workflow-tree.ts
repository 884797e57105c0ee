// `backbeat workflow tree <id>`: the workflow's printable tree (the API's printTree).
import { API_HELP, API_OPTIONS, connect } from "../api.ts";
import { print, type Command } from "../command.ts";
import { CliError, usageError } from "../cli-error.ts";
import { WorkflowTreeDocument } from "../generated/graphql.ts";
import { parse } from "../parse.ts";

const NAME = "backbeat workflow tree";

export const workflowTree: Command = {
  summary: "print a workflow's tree of nodes with their statuses",
  help: `Usage: ${NAME} <workflow id> [--url <url>] [--token <token>]

Prints the workflow and every node under it, with server and client statuses (the API's printTree).
The token may also be a client token (--token): a client sees its own workflows.

Options:
${API_HELP}
  -h, --help         show this help`,
  run: async (argv) => {
    const { values, positionals } = parse(argv, API_OPTIONS, NAME, 1);
    const id = positionals[0];
    if (!id) throw usageError("the workflow id is missing", NAME);
    const api = connect(values, NAME);
    const { workflow } = await api.request(WorkflowTreeDocument, { id });
    if (!workflow) throw new CliError(`no workflow ${id}`);
    // printTree starts every line with a newline.
    print(workflow.printTree.replace(/^\n/, ""));
  },
};
