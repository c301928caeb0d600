/**
 * `npm run admin:create -- --clinic "Name" --email you@example.org --name "Your Name" [--password-file FILE]`
 * Creates a clinic's administrator (and the clinic, if no clinic has that name).
 * The password comes from --password-file, else ADMIN_PASSWORD, else a prompt
 * that does not echo; a weak one is refused.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/client";
import { ConfigError, readEnv } from "@/lib/env";
import { createAdministrator } from "@/lib/ops/administrator";
import { openPortalDatabase } from "@/lib/ops/bootstrap";
import { migrate } from "@/lib/ops/migrate";
import { runScript } from "./support/run-script";

/** Asks for the password twice without echoing it. */
async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new ConfigError("No password given: use --password-file FILE or ADMIN_PASSWORD, or run this in a terminal to be asked.");
  }
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const ask = async (question: string) => {
    process.stdout.write(question);
    const reader = createInterface({ input: process.stdin, output: muted, terminal: true });
    const answer = await new Promise<string>((resolve) => reader.question("", resolve));
    reader.close();
    process.stdout.write("\n");
    return answer;
  };
  const password = await ask("Password for the new administrator: ");
  if ((await ask("The same password again: ")) !== password) throw new ConfigError("The two passwords differ; nothing was created.");
  return password;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { clinic: { type: "string" }, email: { type: "string" }, name: { type: "string" }, "password-file": { type: "string" } },
  });
  if (!values.clinic || !values.email || !values.name) {
    throw new ConfigError('Usage: npm run admin:create -- --clinic "Clinic name" --email you@example.org --name "Your Name" [--password-file FILE]');
  }
  const password = values["password-file"]
    ? readFileSync(values["password-file"], "utf8").replace(/\r?\n$/, "")
    : process.env.ADMIN_PASSWORD || (await promptPassword());
  const env = readEnv();
  const database = await openPortalDatabase({ databaseUrl: env.DATABASE_URL, dataDir: ".data/postgres", databaseName: "portal" });
  try {
    await migrate(database.url);
    const prisma = createPrismaClient(database.url);
    try {
      const created = await createAdministrator(prisma, { clinic: values.clinic, email: values.email, name: values.name, password });
      console.log(`${created.createdClinic ? "Created the clinic and its" : "Added an"} administrator ${values.email.trim().toLowerCase()} (${values.clinic.trim()}).`);
    } finally {
      await prisma.$disconnect();
    }
  } finally {
    await database.stop();
  }
}

runScript(main);
