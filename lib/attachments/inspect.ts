import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "@/lib/errors";
import { ALLOWED_TYPES_TEXT, ATTACHMENT_MAX_BYTES, formatSize, type AttachmentType } from "./validation";

/**
 * Decides what a file is from its bytes, never from its name or the type the
 * browser claims, while the bytes stream past on their way to the store: the
 * first 4,100 bytes go to `file-type` (magic numbers: PDF, PNG, JPEG, and the
 * executables, archives and media it knows, which are refused by name); a file
 * it does not recognise is plain text only if every byte of it is UTF-8 with no
 * control character but tab, line feed, form feed and carriage return, and it
 * is neither markup (HTML, SVG, XML) nor a script (`#!`). Counts the bytes
 * (refusing past 10 MB) and hashes them (sha256) on the way.
 */

/** file-type's own decision comes from this many bytes (its reasonableDetectionSizeInBytes). */
const HEAD_BYTES = 4100;

const DETECTED: Readonly<Record<string, AttachmentType>> = { pdf: "application/pdf", png: "image/png", jpg: "image/jpeg" };

/** C0 controls and DEL, except tab, line feed, form feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

export class AttachmentRefused extends AppError {
  constructor(message: string) {
    super("BAD_USER_INPUT", message, { field: ["file"] });
  }
}

export interface InspectedFile {
  contentType: AttachmentType;
  size: number;
  sha256: string;
}

export class FileInspector {
  private type: AttachmentType | null = null;
  private size = 0;
  private readonly hash = createHash("sha256");
  private readonly text = new TextDecoder("utf-8", { fatal: true });

  constructor(private readonly filename: string) {}

  /** The bytes as they came, once each has been judged; throws AttachmentRefused at the first that may not be stored. */
  async *pass(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let head: Uint8Array[] = [];
    let headSize = 0;
    for await (const chunk of chunks) {
      this.count(chunk);
      if (this.type === null) {
        head.push(chunk);
        headSize += chunk.byteLength;
        if (headSize < HEAD_BYTES) continue;
        const held = head;
        head = [];
        await this.decide(Buffer.concat(held));
        for (const piece of held) yield this.checked(piece);
        continue;
      }
      yield this.checked(chunk);
    }
    if (this.type === null) {
      if (headSize === 0) throw new AttachmentRefused(`“${this.filename}” is empty.`);
      await this.decide(Buffer.concat(head));
      for (const piece of head) yield this.checked(piece);
    }
    if (this.type === "text/plain") this.checkText(new Uint8Array(0), false);
  }

  /** What the bytes were; only once `pass` has run to the end. */
  result(): InspectedFile {
    if (this.type === null) throw new Error("The file has not been read to its end.");
    return { contentType: this.type, size: this.size, sha256: this.hash.digest("hex") };
  }

  private count(chunk: Uint8Array) {
    this.size += chunk.byteLength;
    if (this.size > ATTACHMENT_MAX_BYTES) {
      throw new AttachmentRefused(`“${this.filename}” is larger than ${formatSize(ATTACHMENT_MAX_BYTES)}: attach a smaller file.`);
    }
  }

  private async decide(head: Uint8Array) {
    const detected = await fileTypeFromBuffer(head);
    if (detected) {
      const type = DETECTED[detected.ext];
      if (!type) throw new AttachmentRefused(`“${this.filename}” is not ${ALLOWED_TYPES_TEXT}: its content is ${describe(detected.ext)}.`);
      this.type = type;
      return;
    }
    const start = new TextDecoder("utf-8").decode(head.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart();
    if (start.startsWith("<")) throw new AttachmentRefused(`“${this.filename}” is not ${ALLOWED_TYPES_TEXT}: its content is web markup (HTML, SVG or XML).`);
    if (start.startsWith("#!")) throw new AttachmentRefused(`“${this.filename}” is not ${ALLOWED_TYPES_TEXT}: its content is a script.`);
    this.type = "text/plain";
  }

  private checked(chunk: Uint8Array): Uint8Array {
    if (this.type === "text/plain") this.checkText(chunk, true);
    this.hash.update(chunk);
    return chunk;
  }

  private checkText(chunk: Uint8Array, more: boolean) {
    let decoded: string;
    try {
      decoded = this.text.decode(chunk, { stream: more });
    } catch {
      throw new AttachmentRefused(`“${this.filename}” is not ${ALLOWED_TYPES_TEXT}: its content is binary data of a kind the portal does not take.`);
    }
    if (CONTROL.test(decoded)) {
      throw new AttachmentRefused(`“${this.filename}” is not ${ALLOWED_TYPES_TEXT}: its content is binary data of a kind the portal does not take.`);
    }
  }
}

const KINDS: Readonly<Record<string, string>> = {
  exe: "a Windows program",
  elf: "a Linux program",
  macho: "a macOS program",
  dll: "a Windows library",
  msi: "a Windows installer",
  zip: "a ZIP archive",
  rar: "a RAR archive",
  "7z": "a 7-Zip archive",
  gz: "a gzip archive",
  tar: "a tar archive",
  docx: "a Word document (export it as PDF)",
  doc: "a Word document (export it as PDF)",
  xlsx: "an Excel workbook (export it as PDF)",
  gif: "a GIF image",
  webp: "a WebP image",
  heic: "a HEIC photo (save it as JPEG)",
  svg: "an SVG image",
  html: "a web page",
};

const describe = (extension: string) => KINDS[extension] ?? `a .${extension} file`;
