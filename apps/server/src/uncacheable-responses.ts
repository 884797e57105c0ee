// Apollo's cache-control plugin is switched off (app.ts): it runs a hook at every field of every
// operation (a cache policy and closures per field: 190,000 of them for an addChildren of 10,000
// children) to learn what this API already knows, that no answer may be cached, as no field carries
// a cache hint. This says it once per response, as that plugin did: `cache-control: no-store`.
import type { ApolloServerPlugin } from "@apollo/server";

export const uncacheableResponses: ApolloServerPlugin = {
  requestDidStart: async () => ({
    willSendResponse: async ({ response }) => {
      if (!response.http.headers.has("cache-control")) response.http.headers.set("cache-control", "no-store");
    },
  }),
};
