// Prisma CLI configuration. Migrations run through the bundled wasm schema engine and the pg
// driver adapter ("engine: js"), so nothing is downloaded: this machine has no route to Prisma's CDN.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// A config object, not { connectionString }: pg lets a connection string override the
// database name, which sends Prisma's shadow database to the main one.
function pgConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    // The CLI never closes its pool: idle connections would keep the process alive for 10 s.
    idleTimeoutMillis: 50,
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL must be set for Prisma migrations");
    return new PrismaPg(pgConfig(url));
  },
});
