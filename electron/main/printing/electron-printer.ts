// The app's Printer: a hidden, sandboxed, script-less window in its own in-memory session renders the HTML for
// printToPDF and print.
import { randomUUID } from 'node:crypto';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  PrintToPDFOptions,
  Protocol,
  Session,
  WebContents,
  WebContentsPrintOptions,
  WebRequest,
} from 'electron';
import { CodedError } from '@shared/result';
import { PDF_DEFAULTS, type PdfOptions, type Printer } from './printer';

/** No "persist:" prefix: the session lives in memory only, so nothing printed lands in a cache on disk. */
export const PRINT_PARTITION = 'countersign-print';
export const PRINT_SCHEME = 'countersign-print';

/** What a printed document may load: its own inline styles and data: images, nothing else. */
export const PRINT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** Every network scheme a page could reach; requests to any of them are cancelled in the print session. */
const NETWORK_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'];

/**
 * The window that shows a PDF for the print dialog: Chromium's PDF viewer is a plugin, and runs script of its own. It
 * only ever loads a PDF Countersign made (the print session cancels every network request).
 */
export const pdfPrintWindowOptions = (): BrowserWindowConstructorOptions => {
  const base = printWindowOptions();
  return { ...base, webPreferences: { ...base.webPreferences, plugins: true, javascript: true, offscreen: false } };
};

export const printWindowOptions = (): BrowserWindowConstructorOptions => ({
  show: false,
  width: 794,
  height: 1123,
  webPreferences: {
    partition: PRINT_PARTITION,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    javascript: false,
    offscreen: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    plugins: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    images: true,
  },
});

/** The part of Electron's WebContents the printer uses. */
export type PrintContentsLike = Pick<WebContents, 'printToPDF' | 'print' | 'setWindowOpenHandler'> & {
  on(event: 'will-navigate' | 'will-frame-navigate', listener: (event: { preventDefault(): void }) => void): unknown;
};

/** The part of Electron's BrowserWindow the printer uses. */
export interface PrintWindowLike {
  readonly webContents: PrintContentsLike;
  loadURL: BrowserWindow['loadURL'];
  destroy(): void;
  isDestroyed(): boolean;
}

/** The part of Electron's Session the printer uses (session.fromPartition(PRINT_PARTITION) in the app). */
export interface PrintSessionLike {
  readonly protocol: Pick<Protocol, 'handle' | 'unhandle'>;
  readonly webRequest: Pick<WebRequest, 'onBeforeRequest'>;
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
}

export interface ElectronPrinterDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => PrintWindowLike;
  session: PrintSessionLike;
}

/** Electron reports a cancelled print dialog with a reason that says so. */
const CANCELLED_RE = /cancel/i;

/** A document waiting to be loaded: HTML under the print CSP, or a PDF for the viewer, streamed as it is read. */
type PendingDocument = { kind: 'html'; html: string } | { kind: 'pdf'; pdf: ReadableStream<Uint8Array> };

export class ElectronPrinter implements Printer {
  /** Documents waiting to be loaded, by the id in their URL; each is removed once served. */
  private readonly pending = new Map<string, PendingDocument>();

  constructor(private readonly deps: ElectronPrinterDeps) {
    const s = deps.session;
    s.protocol.handle(PRINT_SCHEME, (request) => this.serve(request.url));
    s.webRequest.onBeforeRequest({ urls: NETWORK_URLS }, (_details, callback) => callback({ cancel: true }));
    s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    s.setPermissionCheckHandler(() => false);
  }

  private serve(url: string): Response {
    const id = /([0-9a-f-]{36})(?:\.pdf)?$/.exec(url)?.[1];
    const doc = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || doc === undefined)
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    this.pending.delete(id);
    if (doc.kind === 'pdf')
      return new Response(doc.pdf, {
        status: 200,
        headers: { 'Content-Type': 'application/pdf', 'X-Content-Type-Options': 'nosniff' },
      });
    return new Response(doc.html, {
      status: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PRINT_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }

  /** A hidden window with the document loaded (its images decoded); the caller destroys it. */
  private async open(doc: PendingDocument): Promise<PrintWindowLike> {
    const win = new this.deps.BrowserWindow(doc.kind === 'pdf' ? pdfPrintWindowOptions() : printWindowOptions());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const stay = (event: { preventDefault(): void }): void => event.preventDefault();
    win.webContents.on('will-navigate', stay);
    win.webContents.on('will-frame-navigate', stay);
    const id = randomUUID();
    this.pending.set(id, doc);
    try {
      await win.loadURL(`${PRINT_SCHEME}://document/${id}${doc.kind === 'pdf' ? '.pdf' : ''}`);
      return win;
    } catch (e) {
      win.destroy();
      throw new CodedError(
        'INTERNAL',
        `The document could not be prepared for printing: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      this.pending.delete(id);
    }
  }

  async pdf(html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
    const win = await this.open({ kind: 'html', html });
    try {
      const templates = opts.headerTemplate !== undefined || opts.footerTemplate !== undefined;
      const options: PrintToPDFOptions = {
        ...PDF_DEFAULTS,
        landscape: opts.landscape ?? false,
        displayHeaderFooter: templates,
        ...(templates
          ? {
              headerTemplate: opts.headerTemplate ?? '<span></span>',
              footerTemplate: opts.footerTemplate ?? '<span></span>',
            }
          : {}),
      };
      const buf = await win.webContents.printToPDF(options);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }

  print(html: string): Promise<void> {
    return this.printDialog({ kind: 'html', html });
  }

  /** The PDF goes to Chromium's viewer through the print scheme as it is made; no image passes through IPC or HTML. */
  printPdf(pdf: ReadableStream<Uint8Array>): Promise<void> {
    return this.printDialog({ kind: 'pdf', pdf });
  }

  private async printDialog(doc: PendingDocument): Promise<void> {
    const win = await this.open(doc);
    const options: WebContentsPrintOptions = { silent: false, printBackground: true, pageSize: 'A4' };
    try {
      await new Promise<void>((resolve, reject) => {
        win.webContents.print(options, (success, failureReason) => {
          if (success) resolve();
          else if (CANCELLED_RE.test(failureReason)) reject(new CodedError('CANCELLED', 'Printing was cancelled.'));
          else reject(new CodedError('IO_ERROR', `The document could not be printed: ${failureReason}`));
        });
      });
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }

  async close(): Promise<void> {
    this.pending.clear();
    this.deps.session.protocol.unhandle(PRINT_SCHEME);
  }
}

/** The printer over Electron itself; typed against electron.d.ts so the real BrowserWindow and session must fit. */
export const createElectronPrinter = (electron: {
  BrowserWindow: typeof BrowserWindow;
  session: { fromPartition(partition: string): Session };
}): ElectronPrinter =>
  new ElectronPrinter({
    BrowserWindow: electron.BrowserWindow,
    session: electron.session.fromPartition(PRINT_PARTITION),
  });
