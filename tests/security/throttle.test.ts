import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createTestClinic, TEST_PASSWORD } from "../support/db";
import { refusedBy } from "../support/attacks";

/** One sign-in attempt through next-auth, from a given client address. */
async function attempt(email: string, password: string, ip: string) {
  const baseUrl = inject("baseUrl");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.headers.getSetCookie().map((value) => value.split(";")[0]).join("; "),
      "x-forwarded-for": ip,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error");
}

describe("sign-in throttling under a burst", () => {
  it("attack: a burst of 12 wrong passwords is slowed, then blocked, and then even the right password waits", async () => {
    const { users } = await createTestClinic();
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const answers: (string | null)[] = [];
    for (let index = 0; index < 12; index += 1) answers.push(await attempt(users[0]!.email, `wrong-${index}-password`, ip));
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    expect(answers.slice(5).every((answer) => answer?.startsWith("THROTTLED:"))).toBe(true);
    const right = await attempt(users[0]!.email, TEST_PASSWORD, ip);
    expect(right).toMatch(/^THROTTLED:\d+$/);
    refusedBy("throttle", { code: right });
  });

  it("attack: probing unknown emails gets the same answers as a real account", async () => {
    const { users } = await createTestClinic();
    const burst = async (email: string, ip: string) => {
      const answers = [];
      for (let index = 0; index < 7; index += 1) answers.push((await attempt(email, "wrong-password-x", ip))?.replace(/\d+$/, "N"));
      return answers;
    };
    const real = await burst(users[0]!.email, `198.51.100.${Math.floor(Math.random() * 250)}`);
    const unknown = await burst(`ghost-${randomUUID()}@clinic.test`, `192.0.2.${Math.floor(Math.random() * 250)}`);
    expect(unknown).toEqual(real);
    expect(real.at(-1)).toBe("THROTTLED:N");
    refusedBy("disclosure", { defence: "disclosure", code: "the same answers" });
  });
});
