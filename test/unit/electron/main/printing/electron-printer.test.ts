// The Electron printer over fakes of BrowserWindow and Session: a locked-down hidden window, the exact HTML served
// once, nothing fetched.
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ElectronPrinter,
  PRINT_PARTITION,
  PRINT_SCHEME,
  type PrintContentsLike,
  type PrintSessionLike,
  type PrintWindowLike,
} from '@main/printing/electron-printer';

type Handler = (request: Request) => Response | Promise<Response>;
type BeforeRequest = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

class FakeSession {
  handlers = new Map<string, Handler>();
  filter: { urls: string[] } | null = null;
  beforeRequest: BeforeRequest | null = null;
  permission: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  check: (() => boolean) | null = null;

  readonly protocol = {
    handle: (scheme: string, handler: Handler): void => {
      this.handlers.set(scheme, handler);
    },
    unhandle: (scheme: string): void => {
      this.handlers.delete(scheme);
    },
  };

  readonly webRequest = {
    onBeforeRequest: (filter: unknown, listener?: unknown): void => {
      this.filter = filter as { urls: string[] };
      this.beforeRequest = listener as BeforeRequest;
    },
  };

  setPermissionRequestHandler = (handler: unknown): void => {
    this.permission = handler as FakeSession['permission'];
  };

  setPermissionCheckHandler = (handler: unknown): void => {
    this.check = handler as FakeSession['check'];
  };
}

let session: FakeSession;
let windows: FakeWindow[];
let printOutcome: { success: boolean; reason: string };

class FakeWindow implements PrintWindowLike {
  destroyed = false;
  url = '';
  served: Response | null = null;
  pdfOptions: PrintToPDFOptions | null = null;
  printOptions: WebContentsPrintOptions | null = null;
  guards: string[] = [];
  readonly webContents: PrintContentsLike;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    windows.push(this);
    const contents = {
      printToPDF: async (o: PrintToPDFOptions) => {
        this.pdfOptions = o;
        return Buffer.from('%PDF-1.7 rendered');
      },
      print: (o?: WebContentsPrintOptions, cb?: (success: boolean, failureReason: string) => void) => {
        this.printOptions = o ?? null;
        cb?.(printOutcome.success, printOutcome.reason);
      },
      setWindowOpenHandler: () => {
        this.guards.push('window-open');
      },
      on: (event: string) => {
        this.guards.push(event);
        return contents;
      },
    };
    this.webContents = contents as unknown as PrintContentsLike;
  }

  async loadURL(url: string): Promise<void> {
    this.url = url;
    const handler = session.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error('ERR_UNKNOWN_URL_SCHEME');
    this.served = await handler(new Request(url));
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const HTML = '<!doctype html><title>Form</title><p>Incident CS-20261124-ABC123 — “quoted” £</p>';

const make = () => new ElectronPrinter({ BrowserWindow: FakeWindow, session: session as unknown as PrintSessionLike });

beforeEach(() => {
  session = new FakeSession();
  windows = [];
  printOutcome = { success: true, reason: '' };
});

describe('Electron printer', () => {
  it(
    'renders in a hidden, sandboxed, script-less, ' + 'offscreen window in an in-memory session, then destroys it',
    async () => {
      const pdf = await make().pdf(HTML);
      expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 rendered');
      const [win] = windows;
      expect(win?.options.show).toBe(false);
      expect(win?.options.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        offscreen: true,
        partition: PRINT_PARTITION,
      });
      expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
      expect(win?.options.webPreferences?.preload).toBeUndefined();
      expect(win?.guards).toEqual(expect.arrayContaining(['window-open', 'will-navigate', 'will-frame-navigate']));
      expect(win?.destroyed).toBe(true);
    },
  );

  it('serves the exact HTML once, with a CSP that allows only inline styles and data: images', async () => {
    await make().pdf(HTML);
    const win = windows[0];
    expect(win?.url.startsWith(`${PRINT_SCHEME}://`)).toBe(true);
    expect(await win?.served?.text()).toBe(HTML);
    expect(win?.served?.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    );
    const again = await session.handlers.get(PRINT_SCHEME)?.(new Request(win?.url ?? ''));
    expect(again?.status).toBe(404);
  });

  it(
    'prints A4 with backgrounds and the document’s own page ' +
      'size, no Chromium header or footer unless templates are given',
    async () => {
      await make().pdf(HTML);
      expect(windows[0]?.pdfOptions).toMatchObject({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        landscape: false,
        displayHeaderFooter: false,
      });
      await make().pdf(HTML, { landscape: true, footerTemplate: '<span class="pageNumber"></span>' });
      expect(windows[1]?.pdfOptions).toMatchObject({
        landscape: true,
        displayHeaderFooter: true,
        footerTemplate: '<span class="pageNumber"></span>',
        headerTemplate: '<span></span>',
      });
    },
  );

  it('cancels every network request and denies every permission in the print session', () => {
    make();
    for (const scheme of ['http', 'https', 'ws', 'wss', 'file'])
      expect(session.filter?.urls.some((u) => u.startsWith(`${scheme}://`))).toBe(true);
    let answer: { cancel?: boolean } = {};
    session.beforeRequest?.({ url: 'https://example.com/tracker.png' }, (r) => (answer = r));
    expect(answer).toEqual({ cancel: true });
    let granted: boolean | null = null;
    session.permission?.(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(session.check?.()).toBe(false);
  });

  it(
    'opens the print dialog, and reports a cancelled ' + 'one as CANCELLED; the window is destroyed either way',
    async () => {
      const printer = make();
      await printer.print(HTML);
      expect(windows[0]?.printOptions).toMatchObject({ silent: false, printBackground: true });
      printOutcome = { success: false, reason: 'Print job canceled' };
      await expect(printer.print(HTML)).rejects.toMatchObject({ code: 'CANCELLED' });
      printOutcome = { success: false, reason: 'Print job failed' };
      await expect(printer.print(HTML)).rejects.toMatchObject({ code: 'IO_ERROR' });
      expect(windows.map((w) => w.destroyed)).toEqual([true, true, true]);
    },
  );

  it('prints a PDF (the screenshots) by streaming it to the PDF viewer once, never as HTML', async () => {
    const pdf = Buffer.from('%PDF-1.3 screenshots');
    const printer = make();
    await printer.printPdf(new Blob([pdf]).stream());
    const [win] = windows;
    expect(win?.url).toMatch(new RegExp(`^${PRINT_SCHEME}://document/[0-9a-f-]{36}\\.pdf$`));
    expect(win?.served?.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await (win?.served?.arrayBuffer() ?? new ArrayBuffer(0)))).toEqual(pdf);
    expect(win?.options.webPreferences).toMatchObject({ plugins: true, sandbox: true, partition: PRINT_PARTITION });
    expect(win?.printOptions).toMatchObject({ silent: false });
    expect(win?.destroyed).toBe(true);
    const again = await session.handlers.get(PRINT_SCHEME)?.(new Request(win?.url ?? ''));
    expect(again?.status).toBe(404);
  });

  it('stops serving documents when closed', async () => {
    const printer = make();
    await printer.close();
    expect(session.handlers.has(PRINT_SCHEME)).toBe(false);
  });
});
