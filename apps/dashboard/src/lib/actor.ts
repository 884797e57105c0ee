// Who made a status change, for people: "client:<id>" becomes the client's name.

export type ClientNames = Record<string, string>;

export function actorLabel(actor: string, clients: ClientNames): string {
  if (actor.startsWith("client:")) {
    const id = actor.slice("client:".length);
    return `client ${clients[id] ?? id}`;
  }
  if (actor.startsWith("operator:")) return `operator ${actor.slice("operator:".length)}`;
  return actor;
}
