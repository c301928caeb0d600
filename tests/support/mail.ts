import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import type { ReceivedMail } from "./smtp";

/** Every message the e2e run's test SMTP server has accepted so far (tests/support/app-setup.ts). */
export function receivedMail(): ReceivedMail[] {
  const dir = inject("mailDir");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as ReceivedMail);
}

/** The messages to one address, oldest first. */
export const mailTo = (address: string) => receivedMail().filter((mail) => mail.to.toLowerCase() === address.toLowerCase());

/** Waits for the `count`-th message to an address (and any matching `matches`), and returns them all. */
export async function waitForMail(address: string, options: { count?: number; matches?: (mail: ReceivedMail) => boolean; timeoutMs?: number } = {}) {
  // The one outbox worker of a test run serves every test file: other files' notifications (the payload attacks
  // send hundreds) may be queued before this one, so the wait is long; it ends as soon as the message is there.
  const { count = 1, matches = () => true, timeoutMs = 120_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailTo(address).filter(matches);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`No e-mail ${found.length ? `number ${count} ` : ""}reached ${address} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link of the portal in a message. */
export function linkIn(mail: ReceivedMail, baseUrl: string): string {
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}/[^\\s]+`).exec(mail.text);
  if (!match) throw new Error(`No link to ${baseUrl} in: ${mail.text}`);
  return match[0];
}
