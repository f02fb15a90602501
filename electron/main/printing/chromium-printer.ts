// The harness Printer: Debian's Chromium driven by playwright-core renders the same HTML to PDF that Electron's
// printToPDF does in the app.
import type { Browser } from 'playwright-core';
import { PDF_DEFAULTS, type PdfOptions, type Printer } from './printer';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchHeadlessChromium, type HeadlessChromium } from '../chromium-engine';

/** An empty template: Chromium needs one when only the other is given. */
const EMPTY_TEMPLATE = '<span></span>';

export class ChromiumPrinter implements Printer {
  private readonly browser: Browser;

  private constructor(private readonly engine: HeadlessChromium) {
    this.browser = engine.browser;
  }

  static async launch(executablePath: string = CHROMIUM_PATH): Promise<ChromiumPrinter> {
    return new ChromiumPrinter(await launchHeadlessChromium(CHROMIUM_ARGS, executablePath));
  }

  async pdf(html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
    // A fresh context per document: scripts off, offline, every request refused; data: images need none.
    const context = await this.browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      serviceWorkers: 'block',
      locale: 'en-GB',
    });
    try {
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const templates = opts.headerTemplate !== undefined || opts.footerTemplate !== undefined;
      const pdf = await page.pdf({
        format: PDF_DEFAULTS.pageSize,
        printBackground: PDF_DEFAULTS.printBackground,
        preferCSSPageSize: PDF_DEFAULTS.preferCSSPageSize,
        landscape: opts.landscape ?? false,
        displayHeaderFooter: templates,
        ...(templates
          ? {
              headerTemplate: opts.headerTemplate ?? EMPTY_TEMPLATE,
              footerTemplate: opts.footerTemplate ?? EMPTY_TEMPLATE,
            }
          : {}),
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await context.close();
    }
  }

  /** Ends Chromium even when it no longer answers, so that nothing is left running. */
  close(): Promise<void> {
    return this.engine.close();
  }
}
