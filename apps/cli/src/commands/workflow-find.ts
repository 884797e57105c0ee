// `backbeat workflow find`: the id of the workflow with this name and subject (for `workflow tree`).
import { API_HELP, API_OPTIONS, connect } from "../api.ts";
import { CliError, usageError } from "../cli-error.ts";
import { print, type Command } from "../command.ts";
import { FindWorkflowIdDocument } from "../generated/graphql.ts";
import { parse, required } from "../parse.ts";

const NAME = "backbeat workflow find";

export const workflowFind: Command = {
  summary: "print the id of the workflow with a name and subject",
  help: `Usage: ${NAME} --name <name> --subject '<json>' [--client-id <id>] [--url <url>] [--token <token>]

Prints the id of the workflow identified by its name and subject, e.g.
  ${NAME} --name "camera purchase" --subject '{"customer":"c-17","order":"o-42"}'

Options:
  --name <name>        the workflow's name (required)
  --subject <json>     its subject, as JSON (required)
  --client-id <id>     whose workflow (operators; default: any client's, oldest first)
${API_HELP}
  -h, --help           show this help`,
  run: async (argv) => {
    const { values } = parse(
      argv,
      { ...API_OPTIONS, name: { type: "string" }, subject: { type: "string" }, "client-id": { type: "string" } },
      NAME,
    );
    const name = required(values.name, "--name", NAME);
    let subject: unknown;
    try {
      subject = JSON.parse(required(values.subject, "--subject", NAME));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw usageError(`--subject is not valid JSON: ${values.subject}`, NAME);
    }
    const api = connect(values, NAME);
    const { findWorkflow } = await api.request(FindWorkflowIdDocument, {
      name,
      subject,
      clientId: values["client-id"] ?? null,
    });
    if (!findWorkflow) throw new CliError(`no workflow named ${JSON.stringify(name)} with that subject`);
    print(findWorkflow.id);
  },
};
