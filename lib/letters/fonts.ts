import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";

/**
 * The letter's fonts, from npm packages and never from the machine: DejaVu Sans
 * (dejavu-fonts-ttf: Latin with its extensions, Greek, Cyrillic and more), regular
 * and bold, and Noto Sans Hans (@embedpdf/fonts-sc: Chinese, with Japanese kana)
 * as the fallback for what DejaVu lacks. Each file is read and parsed once per
 * process, when a letter first needs it (the CJK font only for a letter with such
 * characters); pdfkit embeds only the glyphs a letter uses.
 */

export type FontFace = "regular" | "bold" | "cjk";

// Resolved from the project's root: the letter code runs bundled by Next.js, whose chunks live elsewhere.
const resolve = createRequire(path.join(process.cwd(), "package.json")).resolve;
const FILES: Readonly<Record<FontFace, () => string>> = {
  regular: () => path.join(path.dirname(resolve("dejavu-fonts-ttf/package.json")), "ttf/DejaVuSans.ttf"),
  bold: () => path.join(path.dirname(resolve("dejavu-fonts-ttf/package.json")), "ttf/DejaVuSans-Bold.ttf"),
  cjk: () => path.join(path.dirname(resolve("@embedpdf/fonts-sc")), "../fonts/NotoSansHans-Regular.otf"),
};

const loaded = new Map<FontFace, fontkit.Font>();

/** The parsed font of a face, loaded on first use and kept for the process. */
export function fontOf(face: FontFace): fontkit.Font {
  let font = loaded.get(face);
  if (!font) {
    font = fontkit.create(readFileSync(FILES[face]())) as fontkit.Font;
    loaded.set(face, font);
  }
  return font;
}

/** A stretch of text printed in one face; `missing` when no font of the letter has its characters. */
export interface Run {
  face: FontFace;
  text: string;
  missing?: true;
}

/**
 * The text cut into runs of one face each: the base face (regular or bold) where
 * DejaVu has the character, else the CJK font, else a run marked missing, which
 * the letter prints as the character's code point ([U+1F9A0]) rather than
 * something else. Spaces and punctuation stay in the current run.
 */
export function runsOf(text: string, base: "regular" | "bold"): Run[] {
  const runs: Run[] = [];
  for (const character of text) {
    const code = character.codePointAt(0)!;
    let run: Run;
    if (fontOf(base).hasGlyphForCodePoint(code) || /\s/.test(character)) run = { face: base, text: character };
    else if (fontOf("cjk").hasGlyphForCodePoint(code)) run = { face: "cjk", text: character };
    else run = { face: base, text: `[U+${code.toString(16).toUpperCase().padStart(4, "0")}]`, missing: true };
    const last = runs.at(-1);
    if (last && last.face === run.face && Boolean(last.missing) === Boolean(run.missing)) last.text += run.text;
    else runs.push(run);
  }
  return runs;
}
