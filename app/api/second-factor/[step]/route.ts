import type { NextRequest } from "next/server";
import {
  confirmTotpEnrolment,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  startTotpEnrolment,
  verifySecondFactor,
  type FactorRequest,
} from "@/lib/auth/second-factor/flows";
import { errorResponse, secondFactorRoute } from "@/lib/request/pipeline";
import { AppError } from "@/lib/errors";

/**
 * The second-factor step and enrolment, the only routes a session that owes its
 * second factor reaches (lib/request/pipeline.ts `secondFactorRoute`):
 *
 * - POST /api/second-factor/verify            {method: TOTP | RECOVERY_CODE, code} or {method: PASSKEY, response}
 * - POST /api/second-factor/passkey-options   WebAuthn options to sign in (or step up) with a passkey
 * - POST /api/second-factor/totp-setup        a new authenticator-app secret, as QR code and text
 * - POST /api/second-factor/totp-confirm      {code}: the app is set up; recovery codes if the user had none
 * - POST /api/second-factor/passkey-setup     WebAuthn options to register a passkey
 * - POST /api/second-factor/passkey-register  {name, response}: the passkey is registered; recovery codes as above
 */
const STEPS: Readonly<Record<string, (request: FactorRequest, body: unknown) => Promise<unknown>>> = {
  verify: async (request, body) => {
    await verifySecondFactor(request, body);
    return { verified: true };
  },
  "passkey-options": (request) => passkeySignInOptions(request),
  "totp-setup": (request) => startTotpEnrolment(request),
  "totp-confirm": (request, body) => confirmTotpEnrolment(request, body),
  "passkey-setup": (request) => passkeyRegistrationOptions(request),
  "passkey-register": (request, body) => registerPasskey(request, body),
};

export async function POST(request: NextRequest, route: { params: Promise<{ step: string }> }) {
  const { step } = await route.params;
  if (!Object.hasOwn(STEPS, step)) return errorResponse(new AppError("NOT_FOUND", "No such step."));
  return secondFactorRoute(STEPS[step]!)(request);
}
