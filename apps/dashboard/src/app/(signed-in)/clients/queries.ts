// The GraphQL operations of /clients (clients.graphql, typed by codegen: src/generated/graphql.ts).
import type { ClientsQuery } from "@/generated/graphql";

export { ClientsDocument as CLIENTS, CreateClientDocument as CREATE_CLIENT } from "@/generated/graphql";

export type ClientRow = ClientsQuery["clients"][number];
