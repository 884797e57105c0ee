// The Prisma client factory. Every database operation takes a `Db` (a client or an open
// transaction) as its first argument: transactions are explicit, never ambient.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "./generated/prisma/client.ts";

export { Prisma };
export type DbClient = PrismaClient;
/** A client or an interactive transaction: what every operation in queries/ accepts. */
export type Db = PrismaClient | Prisma.TransactionClient;
export type Tx = Prisma.TransactionClient;

export type DbOptions = { url: string; poolSize?: number };

export function createDbClient({ url, poolSize = 10 }: DbOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PrismaClient({ adapter });
}
