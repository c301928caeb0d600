import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DeclineReason, Discipline, ReferralPriority } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/auth/viewer";
import { changeReferralPart, type ChangeAction } from "@/lib/referrals/parts";
import { recommendedDisciplines } from "@/lib/referrals/lifecycle";
import { sendReferral } from "@/lib/referrals/service";
import { createRequestContext } from "@/lib/request/context";
import { triage, type ValidNeedsInput } from "@/lib/triage";

/**
 * The demo clinics' referrals: a few dozen per clinic over the last ten weeks,
 * sent and worked through the real domain functions (triage, parts'
 * transitions, events, audit trail), then moved back in time to the day each
 * was sent, so a new user finds a lived-in history, worklists and dashboard.
 */

/** Referrals each demo clinic sends. */
export const DEMO_REFERRALS_PER_CLINIC = 30;
/** The oldest is sent this many days ago. */
const SPREAD_DAYS = 68;

interface NeedsTemplate {
  needs: ValidNeedsInput;
  /** Why the clinician chose otherwise, when this referral overrides the recommendation. */
  overrideReason: string;
}

const TEMPLATES: readonly NeedsTemplate[] = [
  {
    needs: { needs: ["SELF_CARE", "HOUSEHOLD_TASKS"], conditions: [], notes: "Struggling to wash and dress since discharge; lives alone." },
    overrideReason: "Her daughter asked for physiotherapy to be involved from the start as well.",
  },
  {
    needs: { needs: ["PAIN", "RANGE_OF_MOTION", "POST_SURGICAL"], conditions: [], notes: "Stiff left knee six weeks after TKR, pain on stairs." },
    overrideReason: "Also needs help getting in and out of the bath at home.",
  },
  {
    needs: { needs: ["SELF_CARE", "MOBILITY_BALANCE", "STRENGTH"], conditions: ["STROKE"], notes: "Left-sided weakness after stroke; needs help to dress and walk." },
    overrideReason: "Already sees a physiotherapist privately twice a week.",
  },
  {
    needs: { needs: ["SPORTS_INJURY"], conditions: ["SPORTS_INJURY"], notes: "Ankle sprain playing football; wants to get back to the team." },
    overrideReason: "Works as a chef and cannot stand a full shift: occupational therapy for work too.",
  },
  {
    needs: { needs: ["COGNITION", "INDEPENDENT_LIVING"], conditions: ["ALZHEIMERS"], notes: "Forgets meals; family worried about how she manages at home." },
    overrideReason: "Two falls this month as well: physiotherapy to look at balance.",
  },
  {
    needs: { needs: [], conditions: [], notes: "Less active lately and unsure what help would suit him." },
    overrideReason: "A home visit first: occupational therapy will assess and refer on if needed.",
  },
  {
    needs: { needs: ["WORK_OR_SCHOOL", "EMOTIONAL_WELLBEING"], conditions: ["MENTAL_HEALTH_CONDITION"], notes: "Anxiety keeps her off work; wants a graded return." },
    overrideReason: "Back pain at her desk is part of it: physiotherapy too.",
  },
  {
    needs: { needs: ["MOBILITY_BALANCE", "STRENGTH"], conditions: ["PARKINSONS"], notes: "Two falls this month; shuffling gait." },
    overrideReason: "His wife struggles to help him dress: occupational therapy too.",
  },
];

/** What each part of a referral goes through after it is sent, in order; the last step is its status now. */
type PartScript = readonly ChangeAction[];
const SCRIPTS: readonly PartScript[] = [
  [],
  ["ASK_QUESTION"],
  ["ACCEPT"],
  ["ACCEPT", "START"],
  ["DECLINE"],
  ["REDIRECT"],
  ["ACCEPT", "START", "COMPLETE"],
  ["ACCEPT", "START", "COMPLETE", "ACKNOWLEDGE_OUTCOME"],
  ["CANCEL"],
  ["ASK_QUESTION", "ANSWER_QUESTION", "ACCEPT"],
];

const PRIORITIES: readonly ReferralPriority[] = ["ROUTINE", "ROUTINE", "URGENT", "ROUTINE", "ASAP", "ROUTINE", "URGENT", "STAT"];

const DECLINES: readonly { reason: DeclineReason; comment: string }[] = [
  { reason: "NOT_ELIGIBLE", comment: "Our service takes adults only; please refer to the children's team." },
  { reason: "OUTSIDE_SERVICE_AREA", comment: "The patient's address is outside our area; their local service is Easton." },
  { reason: "NEEDS_MEDICAL_REVIEW", comment: "Chest pain on exertion: please ask the GP to review before therapy." },
  { reason: "DUPLICATE", comment: "Already on our list from last month's referral." },
  { reason: "PATIENT_DECLINED", comment: "We phoned; the patient does not want therapy at the moment." },
  { reason: "WRONG_DISCIPLINE", comment: "This is mainly about daily activities at home." },
  { reason: "OTHER", comment: "Waiting for the hospital discharge summary before we can decide." },
];

const NOTES: Partial<Record<ChangeAction, string>> = {
  ACCEPT: "Added to our list; we will phone to book a first visit.",
  REDIRECT: "The needs described are for the other discipline.",
  ASK_QUESTION: "Can the patient manage stairs to reach a first-floor clinic room?",
  ANSWER_QUESTION: "Yes, with a rail and a stick.",
  START: "First appointment done.",
  CANCEL: "The family have arranged private therapy.",
};

const OUTCOME = {
  provided: "Six sessions: assessment, a home exercise programme and advice on equipment.",
  recommendations: "Keep up the exercises daily; re-refer if things get worse.",
};

/** The referral's idempotency key: fixed per clinic and number, so seeding again finds it and adds nothing. */
function demoKey(clinicIndex: number, number: number): string {
  return `019ac0de-0000-7000-9${String(clinicIndex).padStart(3, "0")}-${String(number).padStart(12, "0")}`;
}

const DAY = 24 * 60 * 60 * 1000;

/** The referral's day, at 09:00 UTC plus a few minutes per referral so no two share a time. */
function sentTime(number: number, now: Date): Date {
  const daysAgo = 2 + Math.floor(((DEMO_REFERRALS_PER_CLINIC - 1 - number) * SPREAD_DAYS) / (DEMO_REFERRALS_PER_CLINIC - 1));
  const day = new Date(now.getTime() - daysAgo * DAY);
  day.setUTCHours(9, 0, 0, 0);
  return new Date(day.getTime() + number * 7 * 60 * 1000);
}

function chosenDisciplines(template: NeedsTemplate, number: number): { disciplines: Discipline[]; overrideReason: string | null } {
  const { recommendation } = triage(template.needs);
  const recommended = recommendedDisciplines(recommendation);
  // Assess first names no discipline, so it is always an override; else every fifth referral chooses otherwise.
  if (recommended.length > 0 && number % 5 !== 3) return { disciplines: recommended, overrideReason: null };
  const disciplines: Discipline[] =
    recommendation === "BOTH" ? ["OCCUPATIONAL_THERAPY"] : recommendation === "NEEDS_ASSESSMENT" ? ["OCCUPATIONAL_THERAPY"] : ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"];
  return { disciplines, overrideReason: template.overrideReason };
}

async function viewerFor(prisma: PrismaClient, where: { email: string } | { serviceId: string }): Promise<Viewer> {
  const user = await prisma.user.findFirstOrThrow({ where: { ...where, active: true }, include: { clinic: true }, orderBy: { email: "asc" } });
  return { id: user.id, name: user.name, email: user.email, role: user.role, clinicId: user.clinicId, clinicName: user.clinic.name, serviceId: user.serviceId };
}

/**
 * Sends the clinic's demo referrals that are not there yet. `authors` send in
 * turn; `outsidePhysiotherapy`, when given, receives every fourth
 * physiotherapy part (another clinic's service that takes outside referrals).
 */
export async function seedClinicReferrals(
  prisma: PrismaClient,
  clinic: { index: number; id: string; authors: readonly string[]; patients: readonly string[]; outsidePhysiotherapy?: string },
  now = new Date(),
): Promise<void> {
  for (let number = 0; number < DEMO_REFERRALS_PER_CLINIC; number += 1) {
    const idempotencyKey = demoKey(clinic.index, number);
    const existing = await prisma.referral.findUnique({ where: { clinicId_idempotencyKey: { clinicId: clinic.id, idempotencyKey } }, select: { id: true } });
    if (existing) continue;

    const author = await viewerFor(prisma, { email: clinic.authors[number % clinic.authors.length]! });
    const patient = await prisma.patient.findUniqueOrThrow({
      where: { clinicId_medicalRecordNumber: { clinicId: clinic.id, medicalRecordNumber: clinic.patients[number % clinic.patients.length]! } },
      select: { id: true },
    });
    const template = TEMPLATES[number % TEMPLATES.length]!;
    const { disciplines, overrideReason } = chosenDisciplines(template, number);
    const outside = clinic.outsidePhysiotherapy && number % 4 === 1 && disciplines.includes("PHYSIOTHERAPY") ? [clinic.outsidePhysiotherapy] : [];
    const { id: referralId } = await sendReferral(createRequestContext({ prisma, viewer: author }), {
      idempotencyKey,
      patientId: patient.id,
      needs: template.needs,
      disciplines,
      overrideReason,
      // Demo patients have several referrals, some while an earlier one is still open.
      duplicateReason: "A new problem since the last referral: see the notes.",
      assessFirst: false,
      priority: PRIORITIES[number % PRIORITIES.length]!,
      serviceIds: outside,
    });

    const parts = await prisma.referralPart.findMany({ where: { referralId }, orderBy: { discipline: "asc" }, select: { id: true, serviceId: true, discipline: true } });
    for (const [index, part] of parts.entries()) {
      let script = SCRIPTS[(number + index * 3) % SCRIPTS.length]!;
      // A referral to both disciplines has nowhere to redirect to: that service declines instead.
      if (script[0] === "REDIRECT" && parts.length > 1) script = ["DECLINE"];
      await playScript(prisma, { ...part, author, number }, script);
    }
    await backdate(prisma, referralId, sentTime(number, now), now);
  }
}

async function playScript(
  prisma: PrismaClient,
  part: { id: string; serviceId: string; discipline: Discipline; author: Viewer; number: number },
  script: PartScript,
): Promise<void> {
  const therapist = await viewerFor(prisma, { serviceId: part.serviceId });
  for (const [step, planned] of script.entries()) {
    const byService = !["ANSWER_QUESTION", "ACKNOWLEDGE_OUTCOME", "CANCEL"].includes(planned);
    const viewer = byService ? therapist : part.author;
    const { version } = await prisma.referralPart.findUniqueOrThrow({ where: { id: part.id }, select: { version: true } });
    const decline = DECLINES[part.number % DECLINES.length]!;
    // As the portal allows: a service the referring clinic could have chosen (its own, or one open to outside
    // referrals) that the therapist's clinic can see, its own first. With none, the service declines instead.
    const otherDiscipline = part.discipline === "PHYSIOTHERAPY" ? "OCCUPATIONAL_THERAPY" : "PHYSIOTHERAPY";
    const redirectTo =
      planned === "REDIRECT"
        ? ((
            await prisma.therapyService.findMany({
              where: {
                discipline: otherDiscipline,
                OR: [{ clinicId: therapist.clinicId, ...(therapist.clinicId === part.author.clinicId ? {} : { acceptsExternalReferrals: true }) }, { acceptsExternalReferrals: true }],
              },
              select: { id: true, clinicId: true },
              orderBy: [{ name: "asc" }, { id: "asc" }],
            })
          ).sort((a, b) => Number(b.clinicId === therapist.clinicId) - Number(a.clinicId === therapist.clinicId))[0] ?? null)
        : null;
    const action = planned === "REDIRECT" && !redirectTo ? "DECLINE" : planned;
    const current = await changeReferralPart(createRequestContext({ prisma, viewer }), {
      id: part.id,
      expectedVersion: version,
      action,
      note: action === "DECLINE" ? decline.comment : (NOTES[action] ?? null),
      declineReason: action === "DECLINE" ? decline.reason : undefined,
      cancelReason: action === "CANCEL" ? "REFERRED_ELSEWHERE" : undefined,
      serviceId: redirectTo?.id ?? null,
      outcome: action === "COMPLETE" ? { ...OUTCOME, score: 3 + (part.number % 4) / 2 } : null,
    });
    // Every other redirect is accepted at once by the service it went to.
    if (action === "REDIRECT" && step === script.length - 1 && part.number % 2 === 0) {
      const redirected = await prisma.referralPart.findUniqueOrThrow({ where: { id: current }, select: { id: true, serviceId: true, discipline: true } });
      await playScript(prisma, { ...redirected, author: part.author, number: part.number }, ["ACCEPT"]);
    }
  }
}

/**
 * Moves a freshly worked referral back to the day it was sent: its events a
 * day or two apart in the order they happened, and each part's sent, decided,
 * completed and acknowledged times taken from its events.
 */
async function backdate(prisma: PrismaClient, referralId: string, sentAt: Date, now: Date): Promise<void> {
  const events = await prisma.referralEvent.findMany({ where: { referralId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const gap = Math.min(1.5 * DAY, (now.getTime() - sentAt.getTime()) / (events.length + 1));
  const timed = events.map((event, index) => ({ ...event, createdAt: new Date(sentAt.getTime() + index * gap) }));
  const partIds = [...new Set(timed.map((event) => event.partId))];
  const at = (partId: string, actions: readonly string[]) =>
    timed.findLast((event) => event.partId === partId && actions.includes(event.action))?.createdAt ?? null;
  await prisma.$transaction([
    prisma.referral.update({ where: { id: referralId }, data: { createdAt: sentAt } }),
    ...timed.map((event) => prisma.referralEvent.update({ where: { id: event.id }, data: { createdAt: event.createdAt } })),
    ...partIds.map((partId) =>
      prisma.referralPart.update({
        where: { id: partId },
        data: {
          sentAt: at(partId, ["SEND"]) ?? sentAt,
          createdAt: at(partId, ["SEND"]) ?? sentAt,
          decidedAt: at(partId, ["ACCEPT", "DECLINE", "REDIRECT"]),
          completedAt: at(partId, ["COMPLETE"]),
          outcomeAcknowledgedAt: at(partId, ["ACKNOWLEDGE_OUTCOME"]),
        },
      }),
    ),
  ]);
}
