import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { readEnv } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Passkeys and security keys (WebAuthn) through @simplewebauthn/server. The
 * challenge each ceremony answers is kept in PostgreSQL against the session
 * that asked for it (any instance may receive the answer) and is consumed by
 * the answer, once, within CHALLENGE_SECONDS.
 */

const CHALLENGE_SECONDS = 5 * 60;
const RP_NAME = "Clinic referral portal";

/** The origin browsers show the portal at, and its host as the RP ID (lib/env.ts PASSKEY_ORIGIN). */
export function relyingParty(): { origin: string; rpID: string } {
  const env = readEnv();
  const configured = env.PASSKEY_ORIGIN ?? process.env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const origin = new URL(configured).origin;
  return { origin, rpID: new URL(origin).hostname };
}

type Tx = Pick<PrismaClient, "$queryRaw" | "webAuthnChallenge">;
type ChallengePurpose = "REGISTER" | "AUTHENTICATE";

async function keepChallenge(prisma: Tx, sessionId: string, purpose: ChallengePurpose, challenge: string): Promise<void> {
  // One open ceremony of each kind per session: asking again replaces the last challenge.
  await prisma.webAuthnChallenge.deleteMany({ where: { sessionId, purpose } });
  await prisma.webAuthnChallenge.create({
    data: { sessionId, purpose, challenge, expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000) },
  });
}

/** Takes the session's open challenge of this kind, in one statement: a second answer finds none. */
async function takeChallenge(prisma: Tx, sessionId: string, purpose: ChallengePurpose): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ challenge: string }[]>`
    DELETE FROM "WebAuthnChallenge"
     WHERE "sessionId" = ${sessionId}::uuid AND purpose = ${purpose} AND "expiresAt" > now()
    RETURNING challenge`;
  return rows[0]?.challenge ?? null;
}

const transportsOf = (values: string[]) => values as AuthenticatorTransportFuture[];

export async function registrationOptions(
  prisma: PrismaClient,
  sessionId: string,
  user: { id: string; email: string; name: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await prisma.passkey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingParty().rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: transportsOf(passkey.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await keepChallenge(prisma, sessionId, "REGISTER", options.challenge);
  return options;
}

/** The new credential if the answer is good for this session's challenge; null otherwise. */
export async function verifiedRegistration(
  tx: Tx,
  sessionId: string,
  response: unknown,
): Promise<Omit<Prisma.PasskeyUncheckedCreateInput, "userId" | "name"> | null> {
  const challenge = await takeChallenge(tx, sessionId, "REGISTER");
  if (!challenge) return null;
  const { origin, rpID } = relyingParty();
  try {
    const verification = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
    if (!verification.verified) return null;
    const { credential } = verification.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey),
      counter: BigInt(credential.counter),
      transports: credential.transports ?? [],
    };
  } catch {
    // A malformed or forged answer: the library throws; the caller answers with one message.
    return null;
  }
}

export async function authenticationOptions(prisma: PrismaClient, sessionId: string, userId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await prisma.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: transportsOf(passkey.transports) })),
    userVerification: "preferred",
  });
  await keepChallenge(prisma, sessionId, "AUTHENTICATE", options.challenge);
  return options;
}

/**
 * The id of the user's own passkey that signed this session's challenge, or
 * null. A credential of anyone else is not found (the lookup is by the user as
 * well as the credential id); its counter moves forward in the same statement
 * that checks it, so a cloned authenticator's replay is refused.
 */
export async function verifiedAssertion(tx: Tx, sessionId: string, userId: string, response: unknown): Promise<string | null> {
  const credentialId = (response as { id?: unknown } | null)?.id;
  if (typeof credentialId !== "string" || credentialId.length > 1024) return null;
  const challenge = await takeChallenge(tx, sessionId, "AUTHENTICATE");
  if (!challenge) return null;
  const [passkey] = await tx.$queryRaw<{ id: string; publicKey: Uint8Array; counter: bigint; transports: string[] }[]>`
    SELECT id::text, "publicKey", counter, transports FROM "Passkey" WHERE "credentialId" = ${credentialId} AND "userId" = ${userId}::uuid`;
  if (!passkey) return null;
  const { origin, rpID } = relyingParty();
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: transportsOf(passkey.transports),
      },
      requireUserVerification: false,
    });
    if (!verification.verified) return null;
    newCounter = verification.authenticationInfo.newCounter;
  } catch {
    return null;
  }
  const moved = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Passkey" SET counter = ${newCounter}, "lastUsedAt" = now()
     WHERE id = ${passkey.id}::uuid AND (counter < ${newCounter} OR (counter = 0 AND ${newCounter} = 0))
    RETURNING id::text`;
  return moved[0]?.id ?? null;
}
