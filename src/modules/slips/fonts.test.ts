import { describe, expect, it } from 'vitest';
import { fontDirectory, loadFonts } from './fonts.ts';
import { SlipWriter } from './layout.ts';
import { pdfToText } from './test-helpers.ts';

async function render(lines: string[]): Promise<string> {
  const w = new SlipWriter({ title: 't', date: new Date(0) });
  for (const l of lines) w.paragraph([{ text: l, font: 'bold' }], { size: 14 });
  return pdfToText(await w.finish()).text;
}

describe('fonts', () => {
  it('resolves the DejaVu fonts from the package, whatever the cwd', () => {
    expect(fontDirectory()).toMatch(/dejavu-fonts-ttf[\\/]ttf$/);
    const fonts = loadFonts();
    expect(fonts.regular.data.length).toBeGreaterThan(100_000);
    expect(loadFonts()).toBe(fonts); // loaded once
  });

  it('keeps letters extractable in later documents after composite glyphs were subset', async () => {
    // Regression: with parsed fonts shared between documents, fontkit cached the glyph of O (a
    // component of Ộ/Ố/Ờ) with no code points when the first document was subset, so every later
    // document lost O from its text layer ("HOÀN" came out as "H ÀN"). This file must render a
    // bold Ộ/Ư/Ẩ without a plain bold O/U/A first for the test to be meaningful.
    expect(await render(['CỘNG HỘI ỨNG ỪNG ẨM'])).toContain('CỘNG HỘI ỨNG ỪNG ẨM');
    expect(await render(['HOÀN SOÁT QUÁ UY'])).toContain('HOÀN SOÁT QUÁ UY');
  });

  it('falls back to DejaVu Sans for symbols the serif face lacks', async () => {
    expect(await render(['☐ Có ☑ Không'])).toContain('☐ Có ☑ Không');
  });
});
