"use client";
// GraphiQL (with the Monaco editor) runs in the browser only and is large: load it on this page alone, after the
// page has rendered, so no other page's bundle carries it.
import dynamic from "next/dynamic";

const GraphiQLExplorer = dynamic(() => import("./graphiql-explorer"), {
  ssr: false,
  loading: () => (
    <p className="explorer-frame explorer-loading" data-testid="explorer-loading">
      Loading the explorer…
    </p>
  ),
});

export function ExplorerLoader() {
  return <GraphiQLExplorer />;
}
