import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/lib/errors";

/**
 * One file read from a multipart/form-data request as it arrives (busboy, the
 * parser Multer and Fastify use), never buffered whole: `handle` gets the
 * file's bytes as a stream. The request as a whole is bounded (its declared
 * length, and its bytes as they come), as is everything in it but the file.
 */

export interface MultipartLimits {
  /** The file's largest size; the handler sees one byte more, so it can say the file is too large. */
  fileBytes: number;
  /** The request's largest size, the file and the multipart framing together. */
  requestBytes: number;
}

export class RequestTooLarge extends AppError {
  constructor(limitText: string) {
    super("BAD_USER_INPUT", `The upload is larger than ${limitText}: attach a smaller file.`, { field: ["file"] });
  }
}

/**
 * Reads and drops what is left of a refused body, up to `bytes` or `ms`, so a
 * browser still sending gets the answer and not a reset (RFC 9112, 9.6; graphql/http.ts
 * lingers the same way). Past the bound, a client that keeps sending gets the reset.
 */
export async function drainBody(request: Request, bound: { bytes: number; ms: number }): Promise<void> {
  if (!request.body) return;
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = request.body.getReader();
  } catch {
    // Already being read (the parser took it): it drops the rest itself.
    return;
  }
  const deadline = Date.now() + bound.ms;
  let dropped = 0;
  try {
    while (dropped <= bound.bytes && Date.now() < deadline) {
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now())));
      const next = await Promise.race([reader.read(), timeout]);
      if (next === "timeout" || next.done) break;
      dropped += next.value.byteLength;
    }
  } catch {
    // The client went away: nothing more to drop.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export function declaredLength(request: Request): number | null {
  const length = Number(request.headers.get("content-length"));
  return request.headers.has("content-length") && Number.isFinite(length) ? length : null;
}

/**
 * Hands the request's file field `field` to `handle` as it streams in, and
 * answers with what `handle` returns once the whole request has been read.
 * No such field: BAD_USER_INPUT. Other fields and files are read and dropped.
 */
export function readUploadedFile<Result>(
  request: Request,
  field: string,
  limits: MultipartLimits,
  limitText: string,
  handle: (file: { filename: string; body: AsyncIterable<Uint8Array> }) => Promise<Result>,
): Promise<Result> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType) || !request.body) {
    return Promise.reject(new AppError("BAD_USER_INPUT", `Send the file as multipart/form-data, in the field “${field}”.`, { field: [field] }));
  }
  return new Promise<Result>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // The parser's own names are Latin-1 unless told: browsers send UTF-8.
        defParamCharset: "utf8",
        limits: { files: 1, fileSize: limits.fileBytes + 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 20 },
      });
    } catch {
      reject(new AppError("BAD_USER_INPUT", "The upload is not well-formed multipart/form-data.", { field: [field] }));
      return;
    }
    const source = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
    let received = 0;
    let handled: Promise<Result> | null = null;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      source.unpipe(parser);
      source.destroy();
      reject(error);
    };
    source.on("data", (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > limits.requestBytes) fail(new RequestTooLarge(limitText));
    });
    source.on("error", () => fail(new AppError("BAD_USER_INPUT", "The upload ended before the file did.", { field: [field] })));
    parser.on("file", (name, stream, info) => {
      if (name !== field || handled) {
        stream.resume();
        return;
      }
      // Not destroyed when the handler stops reading early (a refused type, a size past the limit):
      // the rest of the file is then read and dropped, so the parser and the request end cleanly.
      handled = handle({ filename: info.filename ?? "", body: stream.iterator({ destroyOnReturn: false }) });
      handled.catch(() => stream.resume());
    });
    parser.on("error", () => fail(new AppError("BAD_USER_INPUT", "The upload is not well-formed multipart/form-data.", { field: [field] })));
    parser.on("close", () => {
      if (failed) return;
      if (!handled) return reject(new AppError("BAD_USER_INPUT", `Choose a file to attach (the field “${field}” is missing).`, { field: [field] }));
      handled.then(resolve, reject);
    });
    source.pipe(parser);
  });
}
