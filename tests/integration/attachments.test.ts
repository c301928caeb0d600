import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { downloadAttachment, uploadAttachment, ATTACHMENTS_PER_REFERRAL } from "@/lib/attachments";
import { CHUNK_BYTES, PostgresAttachmentStore } from "@/lib/attachments/store";
import type { Viewer } from "@/lib/auth/viewer";
import { changeReferralPart } from "@/lib/referrals/parts";
import { sendReferral } from "@/lib/referrals/service";
import { createRequestContext } from "@/lib/request/context";
import { pdfFile, textFile, windowsProgram } from "../support/attachment-fixtures";
import { createTestClinic, testDb, testViewer } from "../support/db";

/**
 * Attachments against the real PostgreSQL store: bytes in and out in chunks,
 * an upload and its audit event together, the twenty-per-referral limit held
 * under concurrent uploads, and nothing left behind by a refused file.
 */

async function* pieces(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const context = (viewer: Viewer) => createRequestContext({ prisma: testDb(), viewer, origin: { ip: "192.0.2.7", userAgent: "vitest" } });

async function referralScenario() {
  const { clinic, users, serviceOf } = await createTestClinic([{ role: "CLINICIAN" }, { role: "THERAPIST", service: "OCCUPATIONAL_THERAPY" }]);
  const clinician = testViewer(users[0]!, clinic);
  const therapist = testViewer(users[1]!, clinic);
  const patient = await testDb().patient.create({
    data: { clinicId: clinic.id, medicalRecordNumber: `AT-${randomUUID().slice(0, 8)}`, givenName: "Ada", familyName: "Attach", dateOfBirth: new Date("1950-01-01") },
  });
  const sent = await sendReferral(context(clinician), {
    idempotencyKey: randomUUID(),
    patientId: patient.id,
    needs: { needs: ["SELF_CARE"], conditions: [], notes: "Cannot dress." },
    disciplines: ["OCCUPATIONAL_THERAPY"],
    overrideReason: null,
    duplicateReason: null,
    assessFirst: false,
    priority: "ROUTINE",
    serviceIds: [serviceOf("OCCUPATIONAL_THERAPY").id],
  });
  const part = await testDb().referralPart.findFirstOrThrow({ where: { referralId: sent.id } });
  return { clinician, therapist, referralId: sent.id, part, patientId: patient.id };
}

describe("the PostgreSQL attachment store", () => {
  it("keeps a file in 256 KiB chunks and gives back the same bytes", async () => {
    const store = new PostgresAttachmentStore(testDb());
    const key = randomUUID();
    const bytes = randomBytes(CHUNK_BYTES * 3 + 1234);
    await store.put(key, pieces(bytes, 10_000));
    const chunks = await testDb().attachmentChunk.findMany({ where: { storageKey: key }, orderBy: { position: "asc" }, select: { position: true, data: true } });
    expect(chunks.map((chunk) => [chunk.position, chunk.data.byteLength])).toEqual([
      [0, CHUNK_BYTES],
      [1, CHUNK_BYTES],
      [2, CHUNK_BYTES],
      [3, 1234],
    ]);
    expect((await readAll(store.get(key))).equals(bytes)).toBe(true);
    await store.remove(key);
    expect(await testDb().attachmentChunk.count({ where: { storageKey: key } })).toBe(0);
  });

  it("leaves nothing behind when the bytes fail part-way", async () => {
    const store = new PostgresAttachmentStore(testDb());
    const key = randomUUID();
    async function* failing() {
      yield randomBytes(CHUNK_BYTES + 10);
      throw new Error("the client went away");
    }
    await expect(store.put(key, failing())).rejects.toThrow("the client went away");
    expect(await testDb().attachmentChunk.count({ where: { storageKey: key } })).toBe(0);
  });
});

describe("attaching to a referral", () => {
  it("stores the referrer's file with its audit event, and a download gives back the same bytes, audited", async () => {
    const { clinician, therapist, referralId, patientId } = await referralScenario();
    const bytes = pdfFile(700_000);
    const attachment = await uploadAttachment(context(clinician), referralId, { filename: "discharge letter.pdf", body: pieces(bytes) });
    expect(attachment).toMatchObject({ filename: "discharge letter.pdf", contentType: "application/pdf", size: bytes.byteLength, partId: null });
    const upload = await testDb().auditEvent.findMany({ where: { action: "attachment.upload", entityIds: { has: attachment.id } } });
    expect(upload.map((event) => [event.userId, event.outcome])).toEqual([[clinician.id, "SUCCESS"]]);

    const download = context(therapist);
    const file = await downloadAttachment(download, referralId, attachment.id);
    expect((await readAll(file.body)).equals(bytes)).toBe(true);
    const noted = download.audit.drain({ clinicId: null, userId: null, ip: null, userAgent: null }).map((event) => [event.action, event.entityIds]);
    expect(noted).toEqual([
      ["attachment.download", [attachment.id]],
      ["patient.read", [patientId]],
    ]);
  });

  it("attaches a therapist's file to their own open part", async () => {
    const { therapist, referralId, part } = await referralScenario();
    const attachment = await uploadAttachment(context(therapist), referralId, { filename: "assessment.txt", body: pieces(textFile()) });
    expect(attachment.partId).toBe(part.id);
  });

  it("refuses a disguised program and leaves no chunk and no row", async () => {
    const { clinician, referralId } = await referralScenario();
    const before = await testDb().attachmentChunk.count();
    await expect(uploadAttachment(context(clinician), referralId, { filename: "letter.pdf", body: pieces(windowsProgram()) })).rejects.toThrow(
      /Windows program/,
    );
    expect(await testDb().attachment.count({ where: { referralId } })).toBe(0);
    expect(await testDb().attachmentChunk.count()).toBe(before);
  });

  it("refuses an upload once every part is closed", async () => {
    const { clinician, referralId, part } = await referralScenario();
    await changeReferralPart(context(clinician), { id: part.id, expectedVersion: 1, action: "CANCEL", note: null, cancelReason: "NO_LONGER_NEEDED" });
    await expect(uploadAttachment(context(clinician), referralId, { filename: "late.pdf", body: pieces(pdfFile()) })).rejects.toThrow(/no open part/);
  });

  it(`keeps at most ${ATTACHMENTS_PER_REFERRAL} attachments however many are sent at once`, async () => {
    const { clinician, referralId } = await referralScenario();
    const results = await Promise.allSettled(
      Array.from({ length: ATTACHMENTS_PER_REFERRAL + 4 }, (_, index) =>
        uploadAttachment(context(clinician), referralId, { filename: `page-${index}.txt`, body: pieces(textFile(`page ${index}\n`)) }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(ATTACHMENTS_PER_REFERRAL);
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(refused.map((result) => (result.reason as Error).message)).toEqual(
      Array(4).fill(`This referral already has ${ATTACHMENTS_PER_REFERRAL} attachments, the most it can have.`),
    );
    expect(await testDb().attachment.count({ where: { referralId } })).toBe(ATTACHMENTS_PER_REFERRAL);
    // The refused uploads' bytes were removed again.
    const keys = (await testDb().attachment.findMany({ where: { referralId }, select: { storageKey: true } })).map((row) => row.storageKey);
    const [row] = await testDb().$queryRaw<{ stray: number }[]>`
      SELECT count(DISTINCT c."storageKey")::int AS stray FROM "AttachmentChunk" c
       WHERE c."createdAt" > now() - interval '1 minute' AND NOT (c."storageKey" = ANY(${keys}::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."storageKey" = c."storageKey")`;
    expect(row?.stray).toBe(0);
  });
});
