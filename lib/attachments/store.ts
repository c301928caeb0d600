import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Where attachments' bytes live, apart from their metadata (the Attachment
 * rows, which the clinic scope guards). Keys are UUIDs the portal makes; the
 * store knows nothing of clinics or referrals. An S3-compatible object store
 * implements it with a multipart upload (put), GetObject's body (get) and
 * DeleteObject (remove); the default keeps the bytes in PostgreSQL.
 */
export interface AttachmentStore {
  /** Stores the bytes under a new key as they arrive, never holding the whole file; if `body` fails, rejects with its error. */
  put(key: string, body: AsyncIterable<Uint8Array>): Promise<void>;
  /** The bytes under `key`, each piece read only when the reader asks for it. */
  get(key: string): ReadableStream<Uint8Array>;
  /** Removes whatever is under `key` (nothing when there is nothing). */
  remove(key: string): Promise<void>;
}

/** One row of AttachmentChunk: small enough to hold, large enough that a 10 MB file is 40 rows. */
export const CHUNK_BYTES = 256 * 1024;

/** An upload that never became an attachment (its process died between the bytes and the row) is swept after this long. */
const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The default store: AttachmentChunk rows in the portal's own PostgreSQL, so a
 * deployment needs nothing more and backups hold everything. Each chunk is
 * inserted as soon as it is full and read back one at a time.
 */
export class PostgresAttachmentStore implements AttachmentStore {
  private lastSweep = 0;

  constructor(private readonly prisma: PrismaClient) {}

  async put(key: string, body: AsyncIterable<Uint8Array>): Promise<void> {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let position = 0;
    const flush = async () => {
      // A copy: the buffer is refilled while the insert may still hold its argument.
      const data = Buffer.from(buffer.subarray(0, filled));
      await this.prisma.$executeRaw`INSERT INTO "AttachmentChunk" ("storageKey", "position", "data") VALUES (${key}::uuid, ${position}, ${data})`;
      position += 1;
      filled = 0;
    };
    try {
      for await (const piece of body) {
        let offset = 0;
        while (offset < piece.byteLength) {
          const taken = Math.min(CHUNK_BYTES - filled, piece.byteLength - offset);
          buffer.set(piece.subarray(offset, offset + taken), filled);
          filled += taken;
          offset += taken;
          if (filled === CHUNK_BYTES) await flush();
        }
      }
      if (filled > 0 || position === 0) await flush();
    } catch (error) {
      await this.remove(key).catch(() => undefined);
      throw error;
    }
    this.sweepNowAndThen();
  }

  get(key: string): ReadableStream<Uint8Array> {
    let position = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const rows = await this.prisma.$queryRaw<{ data: Uint8Array }[]>`
            SELECT "data" FROM "AttachmentChunk" WHERE "storageKey" = ${key}::uuid AND "position" = ${position}`;
          const row = rows[0];
          if (!row) return controller.close();
          position += 1;
          if (row.data.byteLength > 0) controller.enqueue(new Uint8Array(row.data));
        },
      },
      // One chunk ahead at most: the reader's pace sets how much is held.
      { highWaterMark: 1 },
    );
  }

  async remove(key: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM "AttachmentChunk" WHERE "storageKey" = ${key}::uuid`;
  }

  /** Deletes, at most once an hour per process, the chunks of uploads a crash left without their Attachment row. */
  private sweepNowAndThen() {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    const cutoff = new Date(now - ORPHAN_AGE_MS);
    void this.prisma.$executeRaw`
      DELETE FROM "AttachmentChunk" c
       WHERE c."createdAt" < ${cutoff}
         AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."storageKey" = c."storageKey")`.catch(() => undefined);
  }
}

let store: AttachmentStore | undefined;

/** The process's attachment store. */
export function attachmentStore(prisma: PrismaClient): AttachmentStore {
  store ??= new PostgresAttachmentStore(prisma);
  return store;
}
