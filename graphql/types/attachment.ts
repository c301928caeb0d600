import { builder } from "@/graphql/builder";
import { attachTargetOf, visibleAttachments } from "@/lib/attachments";
import { visibleTo } from "@/lib/db/tenant";
import { StaffContact } from "@/graphql/types/user";
import { scopeOf, viewerOf } from "@/lib/request/context";

builder.prismaObject("Attachment", {
  description:
    "A document attached to a referral (FHIR DocumentReference): a PDF, PNG, JPEG or plain-text file, its type decided by its bytes. Its bytes are at downloadUrl (GET /api/referrals/{id}/attachments/{attachmentId}).",
  fields: (t) => ({
    id: t.exposeID("id"),
    filename: t.exposeString("filename"),
    contentType: t.exposeString("contentType", { description: "application/pdf, image/png, image/jpeg or text/plain." }),
    size: t.exposeInt("size", { description: "In bytes." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    uploadedBy: t.relation("uploadedBy", { type: StaffContact }),
    part: t.relation("part", {
      nullable: true,
      description: "The receiving service's part it was attached to (its outcome); null: the referrer's, with the referral.",
    }),
    downloadUrl: t.string({
      select: { referralId: true },
      resolve: (attachment) => `/api/referrals/${attachment.referralId}/attachments/${attachment.id}`,
    }),
  }),
});

builder.prismaObjectField("Referral", "attachments", (t) =>
  t.relation("attachments", {
    description: "The attachments the viewer may see, oldest first: the referral's own, and those of the parts the viewer may see.",
    // Nested relations escape the clinic scope of lib/db/tenant.ts: filtered here with the same conditions, and the viewer's.
    query: (_args, context) => ({ where: visibleAttachments(viewerOf(context)), orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  }),
);

builder.prismaObjectField("Referral", "viewerCanAttach", (t) =>
  t.boolean({
    description: "Whether the viewer may attach a file now: the referrer while a part is open, a receiving service while its part is open.",
    select: (_args, context) => ({
      clinicId: true,
      authorId: true,
      parts: {
        where: visibleTo(scopeOf(context)).part,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, status: true, serviceId: true },
      },
    }),
    resolve: (referral, _args, context) => "target" in attachTargetOf(viewerOf(context), referral),
  }),
);
