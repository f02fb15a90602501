// The part of fontkit (PDFKit's own font engine, which ships no types) that pdf-fonts.ts uses.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}
