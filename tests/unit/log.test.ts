import { Writable } from "node:stream";
import { GraphQLError } from "graphql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatError } from "@/graphql/errors";
import { CENSOR, createLogger, log, logLevel } from "@/lib/log";

/** A logger writing into an array, one parsed JSON object per line. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(destination, "info"), lines };
}

const patient = {
  id: "9b1f2c3d-0000-4000-8000-000000000001",
  medicalRecordNumber: "MRN-SECRET-77",
  givenName: "Rosalind",
  familyName: "Quartermaine",
  dateOfBirth: "1950-04-12",
};
const secrets = ["MRN-SECRET-77", "Rosalind", "Quartermaine", "1950-04-12", "hunter2-password", "$argon2id$secret", "amara@clinic.test", "Lives alone", "session-token-value", "Bearer abc"];

afterEach(() => vi.restoreAllMocks());

describe("the logger", () => {
  it("writes JSON lines with the level and message", () => {
    const { logger, lines } = capturedLogger();
    logger.info({ referralId: "r-1" }, "referral sent");
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: "referral sent", referralId: "r-1" })]);
  });

  it("redacts patient, credential and session fields at the top level and nested, and keeps the rest", () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      {
        ...patient,
        password: "hunter2-password",
        user: { email: "amara@clinic.test", passwordHash: "$argon2id$secret" },
        referral: { notes: "Lives alone", patient: { ...patient } },
        req: { headers: { cookie: "next-auth.session-token=session-token-value", authorization: "Bearer abc" } },
      },
      "patient data",
    );
    const line = lines[0]!;
    const text = JSON.stringify(line);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      id: patient.id,
      givenName: CENSOR,
      familyName: CENSOR,
      medicalRecordNumber: CENSOR,
      dateOfBirth: CENSOR,
      password: CENSOR,
      user: { email: CENSOR, passwordHash: CENSOR },
      referral: { notes: CENSOR, patient: { id: patient.id, givenName: CENSOR } },
      req: { headers: { cookie: CENSOR, authorization: CENSOR } },
    });
  });

  it.each([
    [undefined, "info"],
    ["", "info"],
    ["debug", "debug"],
    [" WARN ", "warn"],
    ["silent", "silent"],
  ])("takes LOG_LEVEL %j as %s", (value, level) => {
    expect(logLevel(value)).toBe(level);
  });

  it("refuses a LOG_LEVEL that is not a level, naming the variable", () => {
    expect(() => logLevel("verbose")).toThrow(/LOG_LEVEL must be one of/);
  });
});

describe("GraphQL error logging", () => {
  it("logs a database error's name and code but never its message, which can quote SQL and values", () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const databaseError = Object.assign(
      new Error(`Invalid prisma.patient.create(): INSERT INTO "Patient" VALUES ('Rosalind', 'MRN-SECRET-77')`),
      { name: "PrismaClientKnownRequestError", code: "P2000" },
    );
    const response = formatError({ message: databaseError.message }, new GraphQLError(databaseError.message, { originalError: databaseError }));

    expect(response).toEqual({ message: "Something went wrong on our side.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(logged).toHaveBeenCalledOnce();
    const [fields] = logged.mock.calls[0]! as unknown as [Record<string, unknown>];
    expect(fields.error).toEqual({ name: "PrismaClientKnownRequestError", code: "P2000" });
    expect(JSON.stringify(logged.mock.calls)).not.toMatch(/Rosalind|MRN-SECRET-77|INSERT/);
  });

  it("logs another unexpected error's name and message", () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    formatError({ message: bug.message, path: ["referral"] }, new GraphQLError(bug.message, { originalError: bug }));
    expect(logged.mock.calls[0]![0]).toEqual({ error: { name: "TypeError", message: bug.message }, path: ["referral"] });
  });

  it("drops graphql-js's 'Did you mean …?' from request errors, so they name no real field or enum value", () => {
    const message = 'Value "SENTT" does not exist in "ReferralStatus" enum. Did you mean the enum value "SENT"?';
    const error = new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(formatError({ message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }, error).message).toBe(
      'Value "SENTT" does not exist in "ReferralStatus" enum.',
    );
  });
});
