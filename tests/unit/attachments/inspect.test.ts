import { describe, expect, it } from "vitest";
import { AttachmentRefused, FileInspector } from "@/lib/attachments/inspect";
import { ATTACHMENT_MAX_BYTES, downloadFilename, safeFilename } from "@/lib/attachments/validation";
import {
  binaryNoise,
  htmlPage,
  jpegFile,
  linuxProgram,
  pdfFile,
  pngFile,
  shellScript,
  svgImage,
  textFile,
  windowsProgram,
  zipArchive,
} from "../../support/attachment-fixtures";

/** The bytes in pieces of `size`, as a stream hands them over. */
async function* inPieces(bytes: Buffer, size = 1000): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

async function inspect(bytes: Buffer, name = "file.pdf", pieceSize = 1000) {
  const inspector = new FileInspector(name);
  const passed: Uint8Array[] = [];
  for await (const piece of inspector.pass(inPieces(bytes, pieceSize))) passed.push(piece);
  return { ...inspector.result(), passed: Buffer.concat(passed) };
}

describe("deciding what a file is from its bytes", () => {
  it.each([
    ["a PDF", pdfFile(6000), "application/pdf"],
    ["a PNG", pngFile(), "image/png"],
    ["a JPEG", jpegFile(), "image/jpeg"],
    ["plain text", textFile(), "text/plain"],
    ["plain text in Welsh and Polish", textFile("Mae hi'n byw ar ei phen ei hun. Żona dzwoni codziennie.\n"), "text/plain"],
  ])("takes %s and passes every byte on unchanged", async (_what, bytes, contentType) => {
    const result = await inspect(bytes);
    expect(result.contentType).toBe(contentType);
    expect(result.size).toBe(bytes.byteLength);
    expect(result.passed.equals(bytes)).toBe(true);
  });

  it("decides by the content, not the name: a PNG named .pdf is a PNG", async () => {
    expect((await inspect(pngFile(), "scan.pdf")).contentType).toBe("image/png");
  });

  it.each([
    ["a Windows program", windowsProgram(), /Windows program/],
    ["a Linux program", linuxProgram(), /Linux program/],
    ["a ZIP archive", zipArchive(), /ZIP archive/],
    ["a web page", htmlPage(), /web markup/],
    ["an SVG image", svgImage(), /web markup/],
    ["a shell script", shellScript(), /script/],
    ["binary noise", binaryNoise(), /binary data/],
  ])("refuses %s named .pdf, saying what it is", async (_what, bytes, message) => {
    const refusal = await inspect(bytes, "discharge-letter.pdf").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AttachmentRefused);
    expect((refusal as AttachmentRefused).userMessage).toMatch(/^“discharge-letter\.pdf” is not a PDF, PNG, JPEG or plain-text file/);
    expect((refusal as AttachmentRefused).userMessage).toMatch(message);
  });

  it("refuses text with a control character past the first bytes, where file-type does not look", async () => {
    const bytes = Buffer.concat([textFile("a".repeat(8000)), Buffer.from([0x00]), textFile("more")]);
    await expect(inspect(bytes, "notes.txt")).rejects.toThrow(AttachmentRefused);
  });

  it("refuses UTF-8 broken across pieces only when it really is broken", async () => {
    // "ż" is two bytes: split between two pieces it is still text.
    const text = textFile(`${"a".repeat(4099)}ż and more`);
    expect((await inspect(text, "notes.txt", 4100)).contentType).toBe("text/plain");
    const broken = Buffer.concat([textFile("a".repeat(5000)), Buffer.from([0xc5])]);
    await expect(inspect(broken, "notes.txt", 4100)).rejects.toThrow(/binary data/);
  });

  it("refuses an empty file", async () => {
    await expect(inspect(Buffer.alloc(0), "empty.pdf")).rejects.toThrow("“empty.pdf” is empty.");
  });

  it("takes a file of exactly 10 MB and refuses one byte more, before passing that byte on", async () => {
    const exact = pdfFile(ATTACHMENT_MAX_BYTES - pdfFile().byteLength);
    expect(exact.byteLength).toBe(ATTACHMENT_MAX_BYTES);
    expect((await inspect(exact, "big.pdf", 65536)).size).toBe(ATTACHMENT_MAX_BYTES);
    const inspector = new FileInspector("bigger.pdf");
    let passed = 0;
    const over = Buffer.concat([exact, Buffer.from("x")]);
    const reading = (async () => {
      for await (const piece of inspector.pass(inPieces(over, 65536))) passed += piece.byteLength;
    })();
    await expect(reading).rejects.toThrow("“bigger.pdf” is larger than 10 MB: attach a smaller file.");
    expect(passed).toBeLessThanOrEqual(ATTACHMENT_MAX_BYTES);
  });
});

describe("file names", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\nurse\\scans\\x-ray report.pdf", "x-ray report.pdf"],
    ["..", "attachment"],
    [".hidden.pdf", "hidden.pdf"],
    ["letter\u202Efdp.exe", "letterfdp.exe"],
    ["report\u0000.pdf", "report.pdf"],
    ["  spaced   out .pdf ", "spaced out .pdf"],
    ["", "attachment"],
    ["/", "attachment"],
  ])("keeps %j as %j", (raw, stored) => {
    expect(safeFilename(raw)).toBe(stored);
  });

  it("keeps at most 200 characters", () => {
    expect([...safeFilename(`${"é".repeat(300)}.pdf`)]).toHaveLength(200);
  });

  it("gives a download the extension of its real type", () => {
    expect(downloadFilename("scan.pdf", "image/png")).toBe("scan.pdf.png");
    expect(downloadFilename("photo.JPG", "image/jpeg")).toBe("photo.JPG");
    expect(downloadFilename("notes", "text/plain")).toBe("notes.txt");
  });
});
