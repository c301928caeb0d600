import { isUniqueViolation } from "@/lib/db/errors";
import { notFound } from "@/lib/errors";
import type { Prisma, PrismaClient, ReferralDraft } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/permissions";
import { viewerOf, writeAudited, type RequestContext } from "@/lib/request/context";
import { DRAFT_KEPT_DAYS, storedContentSchema, type DraftContent, type DraftInput } from "./validation";

export { DRAFT_KEPT_DAYS, DRAFT_NOTES_MAX_LENGTH, draftInputSchema, type DraftContent, type DraftInput } from "./validation";

/**
 * Half-written referrals, kept on the server per user and patient so that a
 * sign-out (the idle one included), a closed tab or another computer loses
 * nothing. A draft holds patient data: only its author reads it (the clinic
 * scope of lib/db/tenant.ts, then the author here), every read and write is
 * on the audit trail, sending the referral deletes it in the same transaction
 * (lib/referrals/service.ts), and a draft unchanged for 14 days is deleted.
 */

export type DraftQuery = { include?: Prisma.ReferralDraftInclude; select?: Prisma.ReferralDraftSelect };

const DAY_MS = 24 * 60 * 60 * 1000;
const keptSince = () => new Date(Date.now() - DRAFT_KEPT_DAYS * DAY_MS);

/** When an unchanged draft is deleted. */
export const draftExpiresAt = (draft: Pick<ReferralDraft, "updatedAt">) => new Date(draft.updatedAt.getTime() + DRAFT_KEPT_DAYS * DAY_MS);

/** The viewer's own drafts, still within their 14 days. */
function ownLiveDrafts(context: RequestContext): Prisma.ReferralDraftWhereInput {
  return { userId: viewerOf(context).id, updatedAt: { gte: keptSince() } };
}

/** A draft's content as the API shows it, whatever an older form stored. */
export function draftContent(draft: Pick<ReferralDraft, "content">): Partial<DraftContent> {
  const parsed = storedContentSchema.safeParse(draft.content);
  return parsed.success ? parsed.data : {};
}

const SWEEP_EVERY_MS = 10 * 60 * 1000;
let lastSweep = 0;

/** Deletes every clinic's drafts past their 14 days, at most every ten minutes per process. */
async function sweepExpired(prisma: PrismaClient): Promise<void> {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = Date.now();
  await prisma.referralDraft.deleteMany({ where: { updatedAt: { lt: keptSince() } } });
}

/** The viewer's draft for a patient of their clinic, or null. */
export async function findDraft(context: RequestContext, patientId: string, query: DraftQuery = {}): Promise<ReferralDraft | null> {
  assertCan(viewerOf(context), "SEND_REFERRALS");
  await sweepExpired(context.prisma);
  return (await context.db.referralDraft.findFirst({ ...query, where: { AND: [ownLiveDrafts(context), { patientId }] } })) as ReferralDraft | null;
}

/** The viewer's drafts, most recently changed first (at most 20). */
export async function listDrafts(context: RequestContext, query: DraftQuery = {}): Promise<ReferralDraft[]> {
  assertCan(viewerOf(context), "SEND_REFERRALS");
  await sweepExpired(context.prisma);
  return (await context.db.referralDraft.findMany({
    ...query,
    where: ownLiveDrafts(context),
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 20,
  })) as ReferralDraft[];
}

/** Saves the form as it stands as the viewer's draft for the patient (one per user and patient), audited. */
export async function saveDraft(context: RequestContext, input: DraftInput, query: DraftQuery = {}): Promise<ReferralDraft> {
  const viewer = viewerOf(context);
  assertCan(viewer, "SEND_REFERRALS");
  const { patientId, ...content } = input;
  if (!(await context.db.patient.count({ where: { id: patientId } }))) notFound("Patient");
  const save = () =>
    writeAudited(
      context,
      { action: "referral_draft.save", entityType: "ReferralDraft" },
      async (db) =>
        (await db.referralDraft.upsert({
          where: { userId_patientId: { userId: viewer.id, patientId } },
          create: { userId: viewer.id, patientId, clinicId: viewer.clinicId, content: content as unknown as Prisma.InputJsonObject },
          update: { content: content as unknown as Prisma.InputJsonObject },
          select: { id: true },
        })).id,
      (id) => [id],
    );
  let id: string;
  try {
    id = await save();
  } catch (error) {
    // Two saves of a new draft at once: one inserted, the other now updates it.
    if (!isUniqueViolation(error)) throw error;
    id = await save();
  }
  return (await context.db.referralDraft.findFirstOrThrow({ ...query, where: { id } })) as ReferralDraft;
}

/** Deletes one of the viewer's drafts; another's id, or one that is gone, is NOT_FOUND. */
export async function discardDraft(context: RequestContext, id: string): Promise<void> {
  const viewer = viewerOf(context);
  assertCan(viewer, "SEND_REFERRALS");
  await writeAudited(
    context,
    { action: "referral_draft.discard", entityType: "ReferralDraft" },
    async (db) => {
      const { count } = await db.referralDraft.deleteMany({ where: { id, userId: viewer.id } });
      if (count === 0) notFound("Draft");
      return id;
    },
    (discarded) => [discarded],
  );
}
