/** The outbox worker and its mail transport (see worker.ts for the delivery guarantees). */
export { backoffMs, mailDomainOf, makeDigests, noticeOverdueParts, OutboxWorker, type OutboxSettings } from "./worker";
export { describeMailError, isPermanentMailError, smtpMailer, type Mailer, type OutgoingMail } from "./mailer";
