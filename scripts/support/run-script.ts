import { ConfigError } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { MigrationError } from "@/lib/ops/migrate";

/**
 * Runs a script's main. Problems an operator can fix print as one message;
 * anything else prints its name and message, and its stack only with DEBUG set.
 */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof MigrationError) console.error(`\n${error.message}\n`);
    else if (error instanceof AppError) console.error(`\n${error.field ? `${error.field.join(".")}: ` : ""}${error.userMessage}\n`);
    else if (process.env.DEBUG) console.error(error);
    else console.error(`\n${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}\n(set DEBUG=1 for details)\n`);
    process.exit(1);
  });
}
