import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { linkIn, waitForMail } from "./mail";

/** Each caller its own address (RFC 2544's test range), so the per-address limits count one test's requests. */
export const testAddress = () => `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

/** Posts JSON to one of the account routes, as the portal's pages do. */
export async function postAccount(path: "forgot-password" | "set-password", body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${inject("baseUrl")}/api/account/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": testAddress(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as { ok?: boolean; error?: { code: string; message: string; field?: string[] } }) : null };
}

/** Asks for a reset link for `email` and returns the token of the link that arrives (the `count`-th reset e-mail to it). */
export async function resetTokenFor(email: string, count = 1): Promise<string> {
  const answer = await postAccount("forgot-password", { email });
  if (answer.status !== 202) throw new Error(`forgot-password answered ${answer.status}: ${answer.text}`);
  const [mail] = (await waitForMail(email, { count, matches: (candidate) => candidate.subject.startsWith("Reset your password") })).slice(count - 1);
  return new URL(linkIn(mail!, inject("baseUrl"))).searchParams.get("token")!;
}

/** The token of the `count`-th invitation e-mailed to `email`. */
export async function invitationTokenFor(email: string, count = 1): Promise<string> {
  const [mail] = (await waitForMail(email, { count, matches: (candidate) => candidate.subject.startsWith("Your invitation") })).slice(count - 1);
  return new URL(linkIn(mail!, inject("baseUrl"))).searchParams.get("token")!;
}

export const setPassword = (purpose: "INVITATION" | "PASSWORD_RESET", token: string, newPassword: string) =>
  postAccount("set-password", { purpose, token, newPassword });

export const newPassphrase = () => `a fresh passphrase ${randomUUID().slice(0, 8)}`;
