import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

/**
 * The 10,000 most common passwords (lib/auth/common-passwords.txt, from the
 * ISC-licensed npm package common-password), shipped with the project so the
 * check needs no network.
 */
function common(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(path.join(process.cwd(), "lib/auth/common-passwords.txt"), "utf8")
      .split(/\r?\n/)
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
  return commonPasswords;
}

/** Common, or a common word dressed up with repeats, digits or symbols at either end ("Password1234!"). */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  const core = lowered.replace(/^[\d\W_]+|[\d\W_]+$/g, "");
  const halves = lowered.length % 2 === 0 && lowered.slice(0, lowered.length / 2) === lowered.slice(lowered.length / 2);
  return (
    common().has(lowered) ||
    (core.length >= 4 && common().has(core)) ||
    (halves && common().has(lowered.slice(0, lowered.length / 2))) ||
    new Set(lowered).size <= 2
  );
}

/** NIST 800-63B / OWASP: length over composition rules, and no known-common passwords. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((password) => !isCommonPassword(password), "This password is too common; choose another");
