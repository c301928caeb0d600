import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

/** The direction of imports between layers (ARCHITECTURE.md): a layer never reaches up. */
const LAYERS = [
  {
    target: "./lib",
    from: ["./app", "./pages", "./components", "./graphql", "./scripts"],
    message: "lib/ is the domain and its infrastructure: it never imports the API, the UI or the scripts above it.",
  },
  {
    target: "./lib/triage",
    from: "./lib",
    except: ["./triage"],
    message: "The triage engine is a pure function with no I/O: it imports nothing else of lib/.",
  },
  {
    target: "./lib/db",
    from: "./lib",
    except: ["./db", "./generated", "./env.ts"],
    message: "lib/db is the runtime data access (client, clinic scope, keyset): it knows no domain and no tooling.",
  },
  {
    target: [
      "./lib/patients",
      "./lib/users",
      "./lib/referrals",
      "./lib/services",
      "./lib/dashboard",
      "./lib/audit",
      "./lib/permissions",
      "./lib/auth",
      "./lib/fhir",
      "./lib/letters",
      "./lib/attachments",
      "./lib/drafts",
      "./lib/notifications",
      "./lib/accounts",
      "./lib/outbox",
    ],
    from: ["./lib/ops", "./lib/request/pipeline.ts"],
    message: "Domain modules take a RequestContext (lib/request/context.ts); the pipeline and the operations tooling sit above them.",
  },
  {
    target: "./graphql",
    from: ["./app", "./pages", "./components", "./scripts", "./lib/ops"],
    message: "graphql/ parses, calls lib/ and returns: it never imports pages, components, scripts or operations tooling.",
  },
  {
    target: "./components",
    from: [
      "./app",
      "./pages",
      "./graphql",
      "./lib/db",
      "./lib/ops",
      "./lib/request",
      "./lib/users",
      "./lib/patients",
      "./lib/referrals/service.ts",
      "./lib/dashboard/index.ts",
      "./lib/notifications/index.ts",
      "./lib/accounts",
      "./lib/outbox",
      "./lib/services/index.ts",
    ],
    message: "components/ runs in the browser: it talks to the server through GraphQL, and imports only pure modules of lib/.",
  },
  {
    target: "./components",
    from: "./lib/auth",
    except: ["./messages.ts"],
    message: "components/ runs in the browser: of lib/auth it may use only the sign-in messages.",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    rules: { "import/no-restricted-paths": ["error", { zones: LAYERS }] },
  },
  globalIgnores([".next/**", ".next-*/**", ".data/**", "lib/generated/**", "next-env.d.ts", "node_modules/**"]),
]);
