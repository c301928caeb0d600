import { createHash, randomUUID } from "node:crypto";
import { AppError, notFound } from "@/lib/errors";
import { visibleTo } from "@/lib/db/tenant";
import type { Attachment, Prisma } from "@/lib/generated/prisma/client";
import type { ReferralStatus } from "@/lib/generated/prisma/enums";
import { actsAs, can, receivingServiceOf, referralReadScope, refusal, type Actor } from "@/lib/permissions";
import { OPEN_STATUSES } from "@/lib/referrals/parts";
import { scopeOf, viewerOf, writeAudited, type RequestContext } from "@/lib/request/context";
import { FileInspector } from "./inspect";
import { attachmentStore } from "./store";
import { ATTACHMENTS_PER_REFERRAL, downloadFilename, isAttachmentType, safeFilename, type AttachmentType } from "./validation";

export { AttachmentRefused } from "./inspect";
export * from "./validation";

/**
 * Documents attached to a referral (FHIR DocumentReference). The referrer
 * attaches to the referral itself, when sending or later while one of its
 * parts is open; a receiving service attaches to its own part (its outcome)
 * while that part is open. Each is seen exactly as its part is: an
 * attachment of the referral by everyone who may read the referral, one of a
 * part by the referring clinic and that part's service. Uploads are written
 * with their audit event in one transaction; downloads are audited too.
 */

/** The part of a referral as attaching needs it. */
interface PartOfReferral {
  id: string;
  status: ReferralStatus;
  serviceId: string;
}

/** Where the viewer's upload goes: the referral (partId null, the referrer's) or their service's part. */
export interface AttachTarget {
  referralId: string;
  partId: string | null;
}

const isOpen = (part: PartOfReferral) => OPEN_STATUSES.includes(part.status);

/**
 * Where this viewer may attach on a referral as it stands, or why not: the
 * referrer while any part is open; a therapist of a part's service while that
 * part is open. Pure, so the page can offer the upload exactly when it would pass.
 */
export function attachTargetOf(
  viewer: Actor,
  referral: { id: string; clinicId: string; authorId: string; parts: readonly PartOfReferral[] },
): { target: AttachTarget } | { refused: "CLOSED" | "NOT_ALLOWED" } {
  const asPart = (part: PartOfReferral) => ({ serviceId: part.serviceId, referral: { clinicId: referral.clinicId, authorId: referral.authorId } });
  const first = referral.parts[0];
  if (first && actsAs(viewer, "REFERRER", asPart(first))) {
    return referral.parts.some(isOpen) ? { target: { referralId: referral.id, partId: null } } : { refused: "CLOSED" };
  }
  const own = referral.parts.filter((part) => actsAs(viewer, "SERVICE", asPart(part)));
  if (own.length === 0) return { refused: "NOT_ALLOWED" };
  const open = own.findLast(isOpen);
  return open ? { target: { referralId: referral.id, partId: open.id } } : { refused: "CLOSED" };
}

/**
 * Of the attachments the viewer's clinic may see (lib/db/tenant.ts), those this
 * viewer reads: the referring clinic's readers every one of its referrals'; a
 * therapist those of the referrals with a part at their service, but of the
 * parts' own only their service's. A receiving clinic's other staff none.
 */
export function attachmentsReadableBy(viewer: Actor): Prisma.AttachmentWhereInput {
  const scope = referralReadScope(viewer);
  if (!scope) throw refusal("READ_REFERRALS");
  if (scope === "CLINIC") return { referral: { clinicId: viewer.clinicId } };
  return {
    referral: { parts: { some: { serviceId: scope.serviceId } } },
    OR: [{ partId: null }, { part: { serviceId: scope.serviceId } }],
  };
}

/** The tenant scope of a viewer's requests (lib/request/context.ts builds it the same way). */
const scopeFor = (viewer: Actor) => ({ clinicId: viewer.clinicId, serviceId: receivingServiceOf(viewer) });

/** The condition for attachments loaded as a nested relation, which the clinic scope does not see: both layers at once. */
export function visibleAttachments(viewer: Actor): Prisma.AttachmentWhereInput {
  return { AND: [visibleTo(scopeFor(viewer)).attachment, attachmentsReadableBy(viewer)] };
}

const CLOSED = "This referral has no open part: attachments can be added while a part is open (sent, waiting on a question, accepted or in progress).";

async function targetFor(context: RequestContext, referralId: string): Promise<AttachTarget> {
  const viewer = viewerOf(context);
  if (!can(viewer, "SEND_REFERRALS") && !can(viewer, "DECIDE_REFERRALS")) throw refusal("SEND_REFERRALS");
  // Through the clinic scope: another clinic's referral is not there. Its parts as the scope shows them.
  const referral = await context.db.referral.findFirst({
    where: { id: referralId },
    select: {
      id: true,
      clinicId: true,
      authorId: true,
      parts: { where: visibleTo(scopeOf(context)).part, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, status: true, serviceId: true } },
      _count: { select: { attachments: true } },
    },
  });
  if (!referral) notFound("Referral");
  const decided = attachTargetOf(viewer, referral);
  // A receiving clinic's staff other than the part's service do not see the referral at all.
  if ("refused" in decided && decided.refused === "NOT_ALLOWED") notFound("Referral");
  if ("refused" in decided) throw new AppError("BAD_USER_INPUT", CLOSED, { field: ["id"] });
  if (referral._count.attachments >= ATTACHMENTS_PER_REFERRAL) throw tooMany();
  return decided.target;
}

const tooMany = () =>
  new AppError("BAD_USER_INPUT", `This referral already has ${ATTACHMENTS_PER_REFERRAL} attachments, the most it can have.`, { field: ["file"] });

/**
 * Checks, before a byte of the upload is read, that the viewer may attach to
 * this referral now; the route refuses at once otherwise. The upload checks again.
 */
export async function checkUploadAllowed(context: RequestContext, referralId: string): Promise<void> {
  try {
    await targetFor(context, referralId);
  } catch (error) {
    recordRefusal(context, "attachment.upload", [referralId], error);
    throw error;
  }
}

function recordRefusal(context: RequestContext, action: string, ids: string[], error: unknown) {
  const denied = error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN");
  context.audit.record(action, denied ? "Referral" : "Attachment", denied ? ids : [], denied ? "DENIED" : "FAILURE");
}

export interface UploadedFile {
  /** As the browser named it; stored without any path. */
  filename: string;
  body: AsyncIterable<Uint8Array>;
}

/**
 * Stores one file for the viewer on a referral: its bytes go to the store as
 * they arrive (judged by FileInspector on the way: type by content, size,
 * text), then its row and its audit event commit together, after checking
 * again under a lock on the referral that a part is open and the referral has
 * room. Whatever fails, nothing is left behind.
 */
export async function uploadAttachment(context: RequestContext, referralId: string, file: UploadedFile): Promise<Attachment> {
  const viewer = viewerOf(context);
  const target = await targetFor(context, referralId);
  const filename = safeFilename(file.filename);
  const inspector = new FileInspector(filename);
  const store = attachmentStore(context.prisma);
  const storageKey = randomUUID();
  await store.put(storageKey, inspector.pass(file.body));
  const inspected = inspector.result();
  try {
    return await writeAudited(
      context,
      { action: "attachment.upload", entityType: "Attachment" },
      async (db) => {
        // Two uploads at once must not make 21: each counts under the referral's row lock.
        await db.$queryRaw`SELECT id FROM "Referral" WHERE id = ${referralId}::uuid FOR UPDATE`;
        const now = await db.referral.findFirst({
          where: { id: referralId },
          select: { parts: { where: target.partId ? { id: target.partId } : {}, select: { status: true } }, _count: { select: { attachments: true } } },
        });
        if (!now) notFound("Referral");
        if (!now.parts.some((part) => OPEN_STATUSES.includes(part.status))) throw new AppError("BAD_USER_INPUT", CLOSED, { field: ["id"] });
        if (now._count.attachments >= ATTACHMENTS_PER_REFERRAL) throw tooMany();
        return db.attachment.create({
          data: {
            referralId,
            partId: target.partId,
            uploadedById: viewer.id,
            filename,
            contentType: inspected.contentType,
            size: inspected.size,
            sha256: inspected.sha256,
            storageKey,
          },
        });
      },
      (attachment) => [attachment.id],
    );
  } catch (error) {
    await store.remove(storageKey).catch(() => undefined);
    throw error;
  }
}

export interface AttachmentDownload {
  filename: string;
  contentType: AttachmentType;
  size: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * An attachment's bytes for the viewer, streamed from the store and checked
 * against the size and sha256 recorded at upload (a mismatch ends the stream
 * with an error rather than hand over other bytes). Recorded as a download,
 * and as a read of the patient's data; a refused id as DENIED.
 */
export async function downloadAttachment(context: RequestContext, referralId: string, attachmentId: string): Promise<AttachmentDownload> {
  const viewer = viewerOf(context);
  try {
    const attachment = await context.db.attachment.findFirst({
      where: { AND: [{ id: attachmentId, referralId }, attachmentsReadableBy(viewer)] },
      select: { id: true, filename: true, contentType: true, size: true, sha256: true, storageKey: true, referral: { select: { patientId: true } } },
    });
    if (!attachment || !isAttachmentType(attachment.contentType)) notFound("Attachment");
    context.audit.record("attachment.download", "Attachment", [attachment.id], "SUCCESS");
    context.audit.record("patient.read", "Patient", [attachment.referral.patientId], "SUCCESS");
    return {
      filename: downloadFilename(attachment.filename, attachment.contentType),
      contentType: attachment.contentType,
      size: attachment.size,
      body: verified(attachmentStore(context.prisma).get(attachment.storageKey), attachment.size, attachment.sha256),
    };
  } catch (error) {
    recordRefusal(context, "attachment.download", [attachmentId], error);
    throw error;
  }
}

/** Passes the bytes on, and errors the stream at its end if they are not the bytes that were stored. */
function verified(body: ReadableStream<Uint8Array>, size: number, sha256: string): ReadableStream<Uint8Array> {
  const hash = createHash("sha256");
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        hash.update(chunk);
        controller.enqueue(chunk);
      },
      flush(controller) {
        if (seen !== size || hash.digest("hex") !== sha256) controller.error(new Error("The stored attachment does not match its record."));
      },
    }),
  );
}
