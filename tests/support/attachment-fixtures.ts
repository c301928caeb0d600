import { randomBytes } from "node:crypto";

/**
 * Files as a clinic's scanner, camera or editor would give them, and files
 * that only pretend to be documents: small, made in memory, each with the
 * first bytes its format has (what `file-type` reads).
 */

/** A one-page PDF, as PDF 1.4 writes it; `pad` bytes of comment make it as large as wanted. */
export function pdfFile(pad = 0): Buffer {
  const body = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj",
    `%${"x".repeat(pad)}`,
    "trailer << /Root 1 0 R >>",
    "%%EOF",
    "",
  ].join("\n");
  return Buffer.from(body, "latin1");
}

/** A 1×1 PNG. */
export const pngFile = () =>
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** The start of a JPEG (JFIF) followed by image bytes. */
export const jpegFile = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), randomBytes(2048), Buffer.from([0xff, 0xd9])]);

export const textFile = (text = "Discharge summary\n\nMobilising with a frame; needs help with stairs.\n") => Buffer.from(text, "utf8");

/** A Windows program: the MZ header and a PE stub. */
export function windowsProgram(): Buffer {
  const file = Buffer.alloc(1024);
  file.write("MZ", 0, "latin1");
  file.writeUInt32LE(0x80, 0x3c);
  file.write("PE\0\0", 0x80, "latin1");
  return file;
}

/** A Linux program (ELF). */
export const linuxProgram = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(120)]);

/** A ZIP archive's local file header. */
export const zipArchive = () => Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.alloc(200)]);

/** A web page with a script: text a browser would run. */
export const htmlPage = () => Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>", "utf8");

/** An SVG image with a script. */
export const svgImage = () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "utf8");

/** A shell script. */
export const shellScript = () => Buffer.from("#!/bin/sh\nrm -rf /\n", "utf8");

/** Bytes no format and no text explains. */
export const binaryNoise = () => Buffer.concat([Buffer.from("not a header"), Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x81])]);
