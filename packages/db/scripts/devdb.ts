import { startEmbeddedPostgres } from "../src/embedded-postgres.ts";
const db = await startEmbeddedPostgres({ dataDir: "/tmp/bb-devpg", port: 5599, database: "dev" });
console.log(db.url);
setInterval(() => {}, 1 << 30);
