import { ConfigError } from "@/lib/env";
import { MigrationError } from "@/lib/ops/migrate";

/** Runs a script's main; problems an operator can fix print as one message, anything else in full. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof MigrationError;
    console.error(known ? `\n${error.message}\n` : error);
    process.exit(1);
  });
}
