/**
 * Font loading for slips. The DejaVu TTF files are read (and parsed) once per
 * process and shared by every document.
 *
 * Body text uses DejaVu Serif Condensed (the closest metric match to the Times
 * New Roman of paper forms that ships with a full Vietnamese repertoire);
 * DejaVu Sans supplies the symbols the serif face lacks (☐ ☑ …).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'symbol' | 'symbolBold';

export const FONT_NAMES: readonly FontName[] = ['regular', 'bold', 'italic', 'boldItalic', 'symbol', 'symbolBold'];

const FILES: Record<FontName, string> = {
  regular: 'DejaVuSerifCondensed.ttf',
  bold: 'DejaVuSerifCondensed-Bold.ttf',
  italic: 'DejaVuSerifCondensed-Italic.ttf',
  boldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
  symbol: 'DejaVuSans.ttf',
  symbolBold: 'DejaVuSans-Bold.ttf',
};

/** The subset of the fontkit font API we rely on. */
export interface ParsedFont {
  layout(text: string): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): unknown;
  characterSet: number[];
}

export interface LoadedFont {
  /** Raw TTF bytes. */
  data: Buffer;
  /**
   * The parsed fontkit font when fontkit could be loaded (it is pdfkit's own
   * dependency). pdfkit ≥ 0.17 accepts such an object in `registerFont`, which
   * saves re-parsing the font and re-laying-out glyphs for every document.
   */
  parsed?: ParsedFont;
}

const require = createRequire(import.meta.url);

/** Absolute path of the directory holding the DejaVu TTF files. */
export function fontDirectory(): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

type FontkitCreate = (data: Uint8Array) => unknown;

function loadFontkit(): FontkitCreate | undefined {
  try {
    // Resolve fontkit the way pdfkit itself does, so no direct dependency is needed.
    const fromPdfkit = createRequire(require.resolve('pdfkit'));
    const mod = fromPdfkit('fontkit') as { create?: FontkitCreate; default?: { create?: FontkitCreate } };
    return mod.create ?? mod.default?.create;
  } catch {
    return undefined;
  }
}

function isParsedFont(f: unknown): f is ParsedFont {
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof (f as ParsedFont).layout === 'function' &&
    typeof (f as ParsedFont).hasGlyphForCodePoint === 'function' &&
    typeof (f as ParsedFont).glyphForCodePoint === 'function' &&
    Array.isArray((f as ParsedFont).characterSet)
  );
}

/**
 * fontkit caches one Glyph object per glyph id, with the code points it was first created for,
 * and pdfkit builds the PDF's ToUnicode map (what copy/paste and text extraction read) from them.
 * When the subsetter first creates a glyph as a component of a composite glyph (the `U` inside
 * `Ư`), it is cached with no code points and, with a font shared between documents, `U` would
 * vanish from the extracted text of every later document. Creating every mapped glyph from its
 * code point up front (~5 ms per font) makes the cache correct before any document is built.
 */
function primeGlyphCache(f: ParsedFont): void {
  for (const cp of f.characterSet) f.glyphForCodePoint(cp);
}

let cache: Record<FontName, LoadedFont> | undefined;

/** Loads (once) and returns every font used by the slips. */
export function loadFonts(): Record<FontName, LoadedFont> {
  if (cache) return cache;
  const dir = fontDirectory();
  const create = loadFontkit();
  const out = {} as Record<FontName, LoadedFont>;
  for (const name of FONT_NAMES) {
    const data = readFileSync(join(dir, FILES[name]));
    let parsed: ParsedFont | undefined;
    if (create) {
      try {
        const f = create(data);
        if (isParsedFont(f)) {
          primeGlyphCache(f);
          parsed = f;
        }
      } catch {
        parsed = undefined;
      }
    }
    out[name] = { data, parsed };
  }
  cache = out;
  return out;
}
