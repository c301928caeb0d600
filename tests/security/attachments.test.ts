import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { parse as parseDisposition } from "content-disposition";
import { beforeAll, describe, expect, it } from "vitest";
import { ATTACHMENT_MAX_BYTES } from "@/lib/attachments/validation";
import { changePartOk, createPatient, createReferral, threeClinics, type ThreeClinics } from "../support/api";
import { refusedBy } from "../support/attacks";
import { htmlPage, pdfFile, pngFile, shellScript, svgImage, windowsProgram, zipArchive } from "../support/attachment-fixtures";
import { url } from "../support/browser";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

/**
 * Attacks on attachments (issue 23, item 1). Clinic A sends a referral to
 * clinic B's occupational therapy service with a file; B's OT therapist adds
 * one to their part. Nobody else reads them: not clinic C, not B's clinician
 * or administrator, not B's therapist of another service; nobody uploads a
 * program dressed as a document, a file over 10 MB, a name that climbs out
 * of its folder, or to a referral whose parts are closed.
 */

let clinics: ThreeClinics;
let referralId: string;
let letterId: string;
let outcomeId: string;
const LETTER = pdfFile(20_000);

const uploadUrl = (referral: string) => url(`/api/referrals/${referral}/attachments`);
const downloadUrl = (referral: string, attachment: string) => url(`/api/referrals/${referral}/attachments/${attachment}`);

async function upload(cookie: string | null, referral: string, file: { name: string; bytes: Uint8Array; type?: string }, headers: Record<string, string> = {}) {
  const body = new FormData();
  body.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  const response = await fetch(uploadUrl(referral), { method: "POST", headers: { ...(cookie ? { cookie } : {}), ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as { attachment?: { id: string; filename: string }; error?: { code: string; message: string } }) : null };
}

const download = (cookie: string, referral: string, attachment: string) => fetch(downloadUrl(referral, attachment), { headers: { cookie } });

/** An empty 404: the attachment is not there for the viewer (the clinic scope, then the reader's own narrowing). */
async function expectEmpty404(response: Response) {
  expect(response.status).toBe(404);
  expect(await response.text()).toBe("");
  refusedBy("tenancy", { status: response.status });
}

const attachmentsOf = (referral: string) => testDb().attachment.count({ where: { referralId: referral } });

beforeAll(async () => {
  clinics = await threeClinics();
  const patient = await createPatient(clinics.a.author.cookie);
  const referral = await createReferral(clinics.a.author.cookie, patient.id, { serviceIds: [clinics.b.serviceOf("OCCUPATIONAL_THERAPY").id] });
  referralId = referral.id;
  const letter = await upload(clinics.a.author.cookie, referralId, { name: "discharge letter.pdf", bytes: LETTER });
  if (letter.status !== 201) throw new Error(`attaching failed: ${letter.text}`);
  letterId = letter.json!.attachment!.id;
  const outcome = await upload(clinics.b.therapist.cookie, referralId, { name: "assessment.txt", bytes: Buffer.from("Home visit booked.\n") });
  if (outcome.status !== 201) throw new Error(`attaching failed: ${outcome.text}`);
  outcomeId = outcome.json!.attachment!.id;
});

describe("reading attachments", () => {
  it("lets the referrer and the receiving service's therapist download the letter, as a download with nosniff and no-store", async () => {
    for (const cookie of [clinics.a.author.cookie, clinics.a.colleague.cookie, clinics.b.therapist.cookie]) {
      const response = await download(cookie, referralId, letterId);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(parseDisposition(response.headers.get("content-disposition")!)).toEqual({ type: "attachment", parameters: { filename: "discharge letter.pdf" } });
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(Buffer.from(await response.arrayBuffer()).equals(LETTER)).toBe(true);
    }
  });

  it.each([
    ["uninvolved clinic C's clinician", () => clinics.c.clinician.cookie],
    ["uninvolved clinic C's administrator", () => clinics.c.admin.cookie],
    ["uninvolved clinic C's therapist", () => clinics.c.therapist.cookie],
    ["receiving clinic B's clinician", () => clinics.b.clinician.cookie],
    ["receiving clinic B's administrator", () => clinics.b.admin.cookie],
    ["clinic B's therapist of another service (physiotherapy)", () => clinics.b.otherTherapist.cookie],
  ])("attack: %s downloads the referral's attachments by id and gets an empty 404", async (_who, cookie) => {
    await expectEmpty404(await download(cookie(), referralId, letterId));
    await expectEmpty404(await download(cookie(), referralId, outcomeId));
  });

  it.each([
    ["receiving clinic B's clinician", () => clinics.b.clinician.cookie],
    ["clinic B's therapist of another service", () => clinics.b.otherTherapist.cookie],
    ["uninvolved clinic C's clinician", () => clinics.c.clinician.cookie],
  ])("attack: %s lists Referral.attachments and learns of no attachment", async (_who, cookie) => {
    const result = await graphql(`query($id: ID!) { referral(id: $id) { attachments { id filename } } }`, { cookie: cookie(), variables: { id: referralId } });
    const body = JSON.stringify(result);
    for (const secret of [letterId, outcomeId, "discharge letter.pdf", "assessment.txt"]) expect(body).not.toContain(secret);
    refusedBy("tenancy", result.errors ? result : { defence: "tenancy", code: "NO_LEAK" });
  });

  it("attack: another clinic's attachment id under one's own referral id gets an empty 404", async () => {
    const own = await createReferral(clinics.c.clinician.cookie, (await createPatient(clinics.c.clinician.cookie)).id);
    await expectEmpty404(await download(clinics.c.clinician.cookie, own.id, letterId));
  });

  it("attack: the receiving therapist reads the referring clinic's own part's attachment through the referral's id", async () => {
    // A's own OT part at A's own service, with a file of its own: B's therapist has no part there.
    const own = await createReferral(clinics.a.author.cookie, (await createPatient(clinics.a.author.cookie)).id, {
      disciplines: ["OCCUPATIONAL_THERAPY", "PHYSIOTHERAPY"],
      overrideReason: "Both teams.",
      serviceIds: [clinics.a.serviceOf("OCCUPATIONAL_THERAPY").id, clinics.b.serviceOf("PHYSIOTHERAPY").id],
    });
    const ownFile = await upload(clinics.a.therapist.cookie, own.id, { name: "a-only.txt", bytes: Buffer.from("A's own notes\n") });
    expect(ownFile.status).toBe(201);
    await expectEmpty404(await download(clinics.b.otherTherapist.cookie, own.id, ownFile.json!.attachment!.id));
  });

  it.each(["not-a-uuid", "..%2F..%2Fpackage.json", "1%20OR%201%3D1"])("attack: the attachment id %s is refused with 400 and no file", async (id) => {
    const response = await download(clinics.a.author.cookie, referralId, id);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("%PDF");
    refusedBy("input", { status: response.status });
  });

  it("attack: a download without a session is UNAUTHENTICATED", async () => {
    const response = await fetch(downloadUrl(referralId, letterId));
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain("%PDF");
    refusedBy("authentication", { status: response.status });
  });
});

describe("uploading attachments", () => {
  it.each([
    ["uninvolved clinic C's clinician", () => clinics.c.clinician.cookie],
    ["receiving clinic B's clinician", () => clinics.b.clinician.cookie],
    ["receiving clinic B's administrator", () => clinics.b.admin.cookie],
    ["clinic B's therapist of another service", () => clinics.b.otherTherapist.cookie],
  ])("attack: %s uploads to the referral and gets 404, and nothing is stored", async (_who, cookie) => {
    const before = await attachmentsOf(referralId);
    const response = await upload(cookie(), referralId, { name: "planted.pdf", bytes: pdfFile() });
    expect(response.status).toBe(404);
    expect(await attachmentsOf(referralId)).toBe(before);
    refusedBy("tenancy", { status: response.status });
  });

  it("attack: an upload without a session is refused with 401", async () => {
    const response = await upload(null, referralId, { name: "anonymous.pdf", bytes: pdfFile() });
    expect(response.status).toBe(401);
    refusedBy("authentication", { status: response.status, ...response.json?.error });
  });

  it("attack: another site posts a file with the clinician's cookie (a cross-site form) and is refused", async () => {
    const before = await attachmentsOf(referralId);
    const response = await upload(clinics.a.author.cookie, referralId, { name: "csrf.pdf", bytes: pdfFile() }, { origin: "https://attacker.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    // The portal's origin check (lib/same-origin.ts), which answers FORBIDDEN with a message of its own.
    expect(response.json?.error?.message).toBe("Attach files from the portal's own pages.");
    expect(await attachmentsOf(referralId)).toBe(before);
    refusedBy("csrf", { defence: "csrf", code: "403" });
  });

  it.each([
    ["a Windows program named .pdf", "letter.pdf", windowsProgram(), /Windows program/],
    ["a ZIP archive named .png", "photo.png", zipArchive(), /ZIP archive/],
    ["a web page named .txt", "notes.txt", htmlPage(), /web markup/],
    ["an SVG with a script named .jpg", "wound.jpg", svgImage(), /web markup/],
    ["a shell script named .txt", "readme.txt", shellScript(), /script/],
  ])("attack: %s is refused with a message saying what it is, and nothing is stored", async (_what, name, bytes, message) => {
    const before = await attachmentsOf(referralId);
    const response = await upload(clinics.a.author.cookie, referralId, { name, bytes, type: "application/pdf" });
    expect(response.status).toBe(400);
    expect(response.json?.error?.message).toMatch(message);
    expect(await attachmentsOf(referralId)).toBe(before);
    refusedBy("input", { status: response.status, ...response.json?.error });
  });

  it("attack: a file one byte over 10 MB, its length declared, is refused before it is read", async () => {
    const response = await upload(clinics.a.author.cookie, referralId, { name: "big.pdf", bytes: pdfFile(ATTACHMENT_MAX_BYTES + 100_000) });
    expect(response.status).toBe(413);
    expect(response.json?.error?.message).toBe("The upload is larger than 10 MB: attach a smaller file.");
    refusedBy("request-bounds", { status: response.status, ...response.json?.error });
  });

  it("attack: a file over 10 MB sent in chunks with no declared length is refused as it arrives, and nothing is stored", async () => {
    const before = await attachmentsOf(referralId);
    const boundary = `----attack${randomUUID()}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chunked.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const file = pdfFile(ATTACHMENT_MAX_BYTES + 1);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const target = new URL(uploadUrl(referralId));
      const sending = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { cookie: clinics.a.author.cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      sending.on("error", reject);
      sending.write(head);
      for (let offset = 0; offset < file.byteLength; offset += 256 * 1024) sending.write(file.subarray(offset, offset + 256 * 1024));
      sending.end(tail);
    });
    expect(status).toBe(400);
    expect((JSON.parse(body) as { error: { message: string } }).error.message).toBe("“chunked.pdf” is larger than 10 MB: attach a smaller file.");
    expect(await attachmentsOf(referralId)).toBe(before);
    // The size bound counted as the bytes arrived (no length was declared): the body's bound, answered as bad input.
    refusedBy("request-bounds", { defence: "request-bounds", code: "400 at byte 10,485,761" });
  });

  it.each([
    ["../../../etc/passwd.pdf", "passwd.pdf"],
    ["..\\..\\windows\\system32\\report.pdf", "report.pdf"],
    [".htaccess", "htaccess.pdf"],
    ["scan\u202Efdp.exe", "scanfdp.exe.pdf"],
  ])("attack: the file name %j is stored without its path, and downloads as %j", async (name, downloaded) => {
    const response = await upload(clinics.a.author.cookie, referralId, { name, bytes: pdfFile() });
    expect(response.status).toBe(201);
    const file = await download(clinics.a.author.cookie, referralId, response.json!.attachment!.id);
    expect(file.status).toBe(200);
    const disposition = parseDisposition(file.headers.get("content-disposition")!);
    expect([disposition.type, disposition.parameters.filename]).toEqual(["attachment", downloaded]);
    refusedBy("input", { defence: "input", code: "name stored without its path" });
  });

  it("attack: a file name carrying a header (CR LF) sets no header of the download", async () => {
    const response = await upload(clinics.a.author.cookie, referralId, { name: "x.pdf\r\nSet-Cookie: planted=1", bytes: pdfFile() });
    expect(response.status).toBe(201);
    const file = await download(clinics.a.author.cookie, referralId, response.json!.attachment!.id);
    expect(file.headers.get("set-cookie")).toBeNull();
    expect(file.headers.get("content-disposition")).not.toMatch(/[\r\n]/);
    refusedBy("input", { defence: "input", code: "control characters removed from the name" });
  });

  it("attack: an upload to a referral whose parts are all closed is refused, by the referrer and by the service", async () => {
    const patient = await createPatient(clinics.a.author.cookie);
    const closed = await createReferral(clinics.a.author.cookie, patient.id, { serviceIds: [clinics.b.serviceOf("OCCUPATIONAL_THERAPY").id] });
    const part = closed.parts[0]!;
    await changePartOk(clinics.b.therapist.cookie, part.id, "DECLINE", part.version);
    for (const cookie of [clinics.a.author.cookie, clinics.b.therapist.cookie]) {
      const response = await upload(cookie, closed.id, { name: "late.pdf", bytes: pdfFile() });
      expect(response.status).toBe(400);
      expect(response.json?.error?.message).toMatch(/^This referral has no open part/);
      refusedBy("input", { status: response.status, ...response.json?.error });
    }
    expect(await attachmentsOf(closed.id)).toBe(0);
  });

  it("attack: the 21st attachment of a referral is refused", async () => {
    const patient = await createPatient(clinics.a.author.cookie);
    const full = await createReferral(clinics.a.author.cookie, patient.id);
    const results = await Promise.all(Array.from({ length: 22 }, (_, index) => upload(clinics.a.author.cookie, full.id, { name: `page-${index}.png`, bytes: pngFile() })));
    expect(results.filter((result) => result.status === 201)).toHaveLength(20);
    expect(results.filter((result) => result.status === 400).map((result) => result.json?.error?.message)).toEqual(
      Array(2).fill("This referral already has 20 attachments, the most it can have."),
    );
    expect(await attachmentsOf(full.id)).toBe(20);
    for (const refused of results.filter((result) => result.status === 400)) refusedBy("input", { status: refused.status, ...refused.json?.error });
  });

  it("attack: a request that is not multipart, or has no file field, is refused with a message", async () => {
    const notMultipart = await fetch(uploadUrl(referralId), { method: "POST", headers: { cookie: clinics.a.author.cookie, "content-type": "application/pdf" }, body: new Uint8Array(pdfFile()) });
    expect(notMultipart.status).toBe(400);
    expect(((await notMultipart.json()) as { error: { message: string } }).error.message).toBe("Send the file as multipart/form-data, in the field “file”.");
    const body = new FormData();
    body.append("document", new Blob([new Uint8Array(pdfFile())]), "letter.pdf");
    const noField = await fetch(uploadUrl(referralId), { method: "POST", headers: { cookie: clinics.a.author.cookie }, body });
    expect(noField.status).toBe(400);
    expect(((await noField.json()) as { error: { message: string } }).error.message).toBe("Choose a file to attach (the field “file” is missing).");
    refusedBy("input", { status: notMultipart.status });
    refusedBy("input", { status: noField.status });
  });
});

describe("the audit trail of attachments", () => {
  it("records every upload and download, and a refused download as DENIED with the id asked for", async () => {
    const uploads = await testDb().auditEvent.findMany({ where: { action: "attachment.upload", entityIds: { has: letterId } } });
    expect(uploads.map((event) => [event.userId, event.outcome])).toEqual([[clinics.a.author.id, "SUCCESS"]]);
    await download(clinics.b.therapist.cookie, referralId, letterId);
    await download(clinics.c.clinician.cookie, referralId, letterId);
    const downloads = await testDb().auditEvent.findMany({ where: { action: "attachment.download", entityIds: { has: letterId } } });
    expect(downloads.some((event) => event.userId === clinics.b.therapist.id && event.outcome === "SUCCESS")).toBe(true);
    expect(downloads.some((event) => event.userId === clinics.c.clinician.id && event.outcome === "DENIED")).toBe(true);
  });
});
