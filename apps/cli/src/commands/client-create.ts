// `backbeat client create`: registers a client application (operator token) and prints its credentials,
// which the server shows only this once.
import { documents } from "@backbeat/client";
import { API_HELP, API_OPTIONS, connect } from "../api.ts";
import { print, type Command } from "../command.ts";
import { parse, required } from "../parse.ts";

const NAME = "backbeat client create";

export const clientCreate: Command = {
  summary: "register a client application; prints its id, token and signing secret (shown once)",
  help: `Usage: ${NAME} --name <name> [--activity-endpoint <url>] [--decision-endpoint <url>]
                              [--notification-endpoint <url>] [--json] [--url <url>] [--token <token>]

Registers a client application and prints its id, its token and its signing secret. The server keeps only a
hash of the token: this is the only time it is shown. Without --activity-endpoint the client pulls its work
(a pull worker, nodesToRun); with it, nodes are POSTed there.

Options:
  --name <name>                    the client's name (required)
  --activity-endpoint <url>        where activity nodes are POSTed (push delivery)
  --decision-endpoint <url>        where decision nodes are POSTed (default: the activity endpoint)
  --notification-endpoint <url>    where error notifications are POSTed
  --json                           print {"id", "token", "signingSecret"} as JSON
${API_HELP}
  -h, --help                       show this help`,
  run: async (argv) => {
    const { values } = parse(
      argv,
      {
        ...API_OPTIONS,
        name: { type: "string" },
        "activity-endpoint": { type: "string" },
        "decision-endpoint": { type: "string" },
        "notification-endpoint": { type: "string" },
        json: { type: "boolean" },
      },
      NAME,
    );
    const input = {
      name: required(values.name, "--name", NAME),
      activityEndpoint: values["activity-endpoint"] ?? null,
      decisionEndpoint: values["decision-endpoint"] ?? null,
      notificationEndpoint: values["notification-endpoint"] ?? null,
    };
    const api = connect(values, NAME);
    const { createClient } = await api.request(documents.CreateClientDocument, { input });
    if (values.json) {
      const { token, signingSecret, client } = createClient;
      return print(JSON.stringify({ id: client.id, name: client.name, token, signingSecret }));
    }
    print(`client id:       ${createClient.client.id}
token:           ${createClient.token}
signing secret:  ${createClient.signingSecret}
(the token and the signing secret are shown only this once: keep them)`);
  },
};
