// The Printer port: turns a self-contained HTML document into a PDF, or sends it to the print dialog, whichever engine
// renders it.

export interface PdfOptions {
  /** Landscape A4; a document's own `@page { size }` wins where it gives one. */
  landscape?: boolean;
  /**
   * Chromium header and footer templates (classes `pageNumber`, `totalPages`, `title`, `date`, `url`). Countersign's
   * own documents need none: they carry the marking and "Page X of Y" in CSS page-margin boxes, which the print
   * dialog honours too. Given, the engine draws these in the page margins as well.
   */
  headerTemplate?: string;
  footerTemplate?: string;
}

export interface Printer {
  /** Renders the HTML (scripts off, no network: images must be data: URLs) to an A4 PDF. */
  pdf(html: string, opts?: PdfOptions): Promise<Uint8Array>;
  /** Opens the system print dialog for the HTML; rejects with CANCELLED if the user cancels. */
  print?(html: string): Promise<void>;
  /**
   * Opens the system print dialog for a PDF read from the stream (the screenshots, which hold every image and are
   * never put into HTML); rejects with CANCELLED if the user cancels.
   */
  printPdf?(pdf: ReadableStream<Uint8Array>): Promise<void>;
  /** Releases the engine. */
  close(): Promise<void>;
}

/** Both adapters' PDF settings, so the harness prints what the app prints. */
export const PDF_DEFAULTS = {
  pageSize: 'A4',
  printBackground: true,
  /** The document's `@page` size and margins apply (A4, room for the marking and page numbers). */
  preferCSSPageSize: true,
} as const;
