import type { NextConfig } from "next";

const config: NextConfig = {
  // The dashboard is a thin GraphQL client: nothing to optimise away, and nothing phones home.
  poweredByHeader: false,
  // Lets a second build (e.g. a test run) use its own output folder instead of overwriting .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  // `ws` has optional native add-ons (bufferutil, utf-8-validate); keep it out of the server bundle.
  serverExternalPackages: ["ws", "graphql-ws"],
};

export default config;
