import { describe, expect, it } from "vitest";
import { HashingGate, PasswordHashingBusyError } from "@/lib/auth/password";

const later = () => {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
};

describe("the password hashing gate", () => {
  it("runs at most `concurrency` at once, queues up to `queue`, and refuses the rest with a 503 and Retry-After", async () => {
    const gate = new HashingGate(2, 1);
    let running = 0;
    let most = 0;
    const jobs = [later(), later(), later()];
    const runs = jobs.map((job) =>
      gate.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await job.done;
        running -= 1;
      }),
    );
    const refused = await gate.run(async () => "ran").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PasswordHashingBusyError);
    expect((refused as PasswordHashingBusyError).extensions.http.status).toBe(503);
    expect((refused as PasswordHashingBusyError).extensions.http.headers.get("retry-after")).toMatch(/^\d+$/);
    jobs.forEach((job) => job.finish());
    await Promise.all(runs);
    expect(most).toBe(2);
    expect(await gate.run(async () => "ran again")).toBe("ran again");
  });
});
