/**
 * The second-factor routes (app/api/second-factor/[step]), as the pages call
 * them: JSON in, JSON out, and the pipeline's error shape turned into a StepError.
 */

export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

export type Step = "verify" | "passkey-options" | "totp-setup" | "totp-confirm" | "passkey-setup" | "passkey-register";

export async function postStep<Result>(step: Step, body: unknown = {}): Promise<Result> {
  let response: Response;
  try {
    response = await fetch(`/api/second-factor/${step}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new StepError("NETWORK", "The portal could not be reached. Check the connection and try again.", null);
  }
  const answer = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: (string | number)[] } };
  if (!response.ok) {
    const field = answer.error?.field?.at(-1);
    throw new StepError(answer.error?.code ?? "INTERNAL_SERVER_ERROR", answer.error?.message ?? "Something went wrong on our side.", typeof field === "string" ? field : null);
  }
  return answer as Result;
}
