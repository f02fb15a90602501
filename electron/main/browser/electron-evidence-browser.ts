// The EvidenceBrowser over an Electron WebContentsView in an in-memory partition: the evidence view of the product.
import { randomUUID } from 'node:crypto';
import type { Session, View, WebContents, WebContentsView, WebPreferences, session as electronSession } from 'electron';
import { z } from 'zod';
import { CodedError } from '@shared/result';
import { cdpClick, cdpScreenshot, installLinkGuard, parseGuardReport, type CdpSend } from './cdp';
import {
  clientRedirectHow,
  electronPermissionNames,
  guardBlocked,
  isEngineErrorPage,
  loadFailureKind,
  netErrorName,
  originOf,
  pageNavigationVerdict,
  readPngSize,
  requestedNavigationVerdict,
} from './guards';
import { AdapterBase, DEFAULT_SETTLE, type SettleOptions } from './hub';
import type { CaptureMode, CaptureResult, EvidenceBrowser, TeardownReason } from './evidence-browser';
import { MainDocumentWatch } from './page-record-cdp';
import { parsePausedRequest, SafeView, type SafeViewReport } from './safe-view';

/** Electron's classes, handed in by the composition root so that this module holds no runtime import of Electron. */
export interface ElectronEvidenceDeps {
  WebContentsView: typeof WebContentsView;
  session: typeof electronSession;
  /** Where the evidence view is shown, e.g. the review window's contentView. The caller sets its bounds. */
  host: View;
  settle?: Partial<SettleOptions>;
  clickTimeoutMs?: number;
  /** Safe view for this incident: pictures served blurred, audio and video held, until revealed. */
  safeView?: boolean;
}

/** The evidence view's web preferences: Electron's security checklist, with no preload at all. */
export const EVIDENCE_WEB_PREFERENCES: Readonly<Omit<WebPreferences, 'partition'>> = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  javascript: true,
  webviewTag: false,
  plugins: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  devTools: false,
};

const MAIN_PAGE = 'page';
const WAIT_FOR_SCHEDULED_S = 5;

const RequestedNavigation = z.object({
  frameId: z.string(),
  reason: z.string(),
  url: z.string(),
  disposition: z.string(),
});
const ScheduledNavigation = z.object({ frameId: z.string(), delay: z.number() });
const ClearedNavigation = z.object({ frameId: z.string() });
const BindingCalled = z.object({ name: z.string(), payload: z.string() });

class ElectronEvidenceBrowser extends AdapterBase implements EvidenceBrowser {
  private readonly wc: WebContents;
  private readonly send: CdpSend;
  private readonly safe: SafeView;
  private readonly guardBinding = `__countersign_guard_${randomUUID().replaceAll('-', '')}`;
  private readonly documents = new MainDocumentWatch();
  private mainFrameId = '';
  private clientNavigation: { how: 'meta' | 'script'; from: string; to: string } | undefined;
  /** The top frame shows Chromium's error page: its title is the engine's, not the site's. */
  private onErrorPage = false;

  constructor(
    private readonly deps: ElectronEvidenceDeps,
    private readonly view: WebContentsView,
    private readonly ses: Session,
    settleOptions: SettleOptions,
  ) {
    super(settleOptions);
    this.wc = view.webContents;
    const dbg = this.wc.debugger;
    this.send = (method, params) => dbg.sendCommand(method, params);
    this.safe = new SafeView(this.send, deps.safeView === true);
  }

  async init(): Promise<void> {
    this.guardSession();
    this.guardContents();
    // The DevTools protocol gives what Electron's events do not: why a navigation started (meta refresh or script),
    // pending scheduled navigations, the link guard's isolated world, full-page screenshots and trusted mouse input.
    this.wc.debugger.attach('1.3');
    this.wc.debugger.on('message', (_event, method: string, params: unknown) => this.onProtocol(method, params));
    await this.send('Page.enable');
    // The main document's response (server address, status, headers, TLS) for each capture's page record.
    await this.send('Network.enable');
    await installLinkGuard(this.send, this.guardBinding);
    if (this.safe.on) {
      // Below the page, as in the harness: the same interception over the same protocol.
      await this.send('Network.enable');
      await this.safe.prepare();
      await this.send('Fetch.enable', { patterns: this.safe.patterns() });
    }
    const { frameTree } = await this.send('Page.getFrameTree');
    this.mainFrameId = frameTree.frame.id;
  }

  private guardSession(): void {
    const ses = this.ses;
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
      callback(false);
      if (permission === 'openExternal') {
        const url = 'externalURL' in details && details.externalURL ? details.externalURL : details.requestingUrl;
        this.hub.emit('browser.navigation-blocked', { url, reason: 'opening another program is not allowed' });
        return;
      }
      const media = 'mediaTypes' in details ? details.mediaTypes : undefined;
      for (const name of electronPermissionNames(permission, media)) {
        this.hub.emit('browser.permission-denied', { permission: name, origin: originOf(details.requestingUrl) });
      }
    });
    ses.setDisplayMediaRequestHandler((request, callback) => {
      callback(null);
      this.hub.emit('browser.permission-denied', {
        permission: 'display-capture',
        origin: originOf(request.securityOrigin),
      });
    });
    const deviceRefused = (permission: string) => {
      this.hub.emit('browser.permission-denied', { permission, origin: originOf(this.mainUrl) });
    };
    ses.on('select-hid-device', (event, _details, callback) => {
      event.preventDefault();
      callback(null);
      deviceRefused('hid');
    });
    ses.on('select-serial-port', (event, _ports, _wc, callback) => {
      event.preventDefault();
      callback('');
      deviceRefused('serial');
    });
    ses.on('select-usb-device', (event, _details, callback) => {
      event.preventDefault();
      callback();
      deviceRefused('usb');
    });
    ses.on('will-download', (event, item) => {
      event.preventDefault();
      this.hub.emit('browser.download-blocked', { url: item.getURL(), filename: item.getFilename() });
    });
    ses.webRequest.onBeforeRedirect((details) => {
      if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') return;
      this.activity.touch();
      this.hub.emit('browser.redirected', {
        from: details.url,
        to: details.redirectURL,
        how: 'http',
        status: details.statusCode,
      });
    });
  }

  private guardContents(): void {
    const wc = this.wc;
    wc.setWindowOpenHandler(({ url }) => {
      this.hub.emit('browser.popup-blocked', { url, opener: this.mainUrl });
      return { action: 'deny' };
    });
    wc.on('select-bluetooth-device', (event, _devices, callback) => {
      event.preventDefault();
      callback('');
      this.hub.emit('browser.permission-denied', { permission: 'bluetooth', origin: originOf(this.mainUrl) });
    });
    const screen = (details: { url: string; isMainFrame: boolean; preventDefault(): void }) => {
      const verdict = pageNavigationVerdict(details.url, details.isMainFrame ? 'main' : 'sub');
      if (verdict.allowed) return;
      details.preventDefault();
      this.hub.emit('browser.navigation-blocked', { url: details.url, reason: verdict.reason });
    };
    wc.on('will-frame-navigate', (details) => screen(details));
    wc.on('will-redirect', (details) => screen(details));
    wc.on('did-start-loading', () => this.activity.startLoading(MAIN_PAGE));
    wc.on('did-stop-loading', () => this.activity.stopLoading(MAIN_PAGE));
    wc.on('did-start-navigation', (details) => {
      this.activity.touch();
      if (!details.isMainFrame || details.isSameDocument) return;
      const pending = this.clientNavigation;
      this.clientNavigation = undefined;
      if (pending && pending.to.split('#')[0] === details.url.split('#')[0]) {
        this.hub.emit('browser.redirected', { from: pending.from, to: details.url, how: pending.how });
      }
    });
    wc.on('did-frame-navigate', (_event, url, httpResponseCode, _text, isMainFrame, processId, routingId) => {
      this.activity.touch();
      if (isEngineErrorPage(url)) {
        if (isMainFrame) {
          this.onErrorPage = true;
          this.title = '';
        }
        return;
      }
      if (isMainFrame) {
        this.mainUrl = url;
        this.title = '';
        this.onErrorPage = false;
        this.activity.release(this.mainFrameId);
        this.safe.newPage();
      }
      this.hub.emit('browser.navigated', {
        url,
        frame: isMainFrame ? 'main' : 'sub',
        frameId: `${processId}:${routingId}`,
        status: httpResponseCode > 0 ? httpResponseCode : undefined,
      });
    });
    wc.on('did-navigate-in-page', (_event, url, isMainFrame) => {
      this.activity.touch();
      if (isMainFrame) this.mainUrl = url;
      this.hub.emit('browser.in-page', { url, frame: isMainFrame ? 'main' : 'sub' });
    });
    wc.on('page-title-updated', (_event, title, explicitSet) => {
      if (!explicitSet || this.onErrorPage || title === this.title) return;
      this.title = title;
      this.hub.emit('browser.title', { url: this.mainUrl, title });
    });
    wc.on('did-fail-load', (_event, _code, description, validatedURL, isMainFrame) => {
      this.activity.touch();
      if (loadFailureKind(description) !== 'failed') return;
      if (isMainFrame) this.mainUrl = validatedURL;
      this.hub.emit('browser.load-failed', { url: validatedURL, error: netErrorName(description) });
    });
    wc.on('certificate-error', (event, url, error, _certificate, callback, isMainFrame) => {
      // Take the decision ourselves (the documented pattern) rather than rely on the default: never trusted.
      event.preventDefault();
      callback(false);
      if (isMainFrame) this.mainUrl = url;
      this.hub.emit('browser.certificate-error', { url, error: netErrorName(error) });
    });
  }

  private onProtocol(method: string, params: unknown): void {
    if (method === 'Network.responseReceived') this.documents.onResponse(params);
    else if (method === 'Page.frameNavigated') this.documents.onNavigated(params);
    else if (method === 'Fetch.requestPaused') {
      const paused = parsePausedRequest(params);
      // Only safe view's patterns are paused here; anything it does not take goes on unchanged.
      if (paused && !this.safe.handle(paused))
        void this.send('Fetch.continueRequest', { requestId: paused.requestId }).catch(() => undefined);
    } else if (method === 'Page.frameRequestedNavigation') {
      const p = RequestedNavigation.safeParse(params);
      if (!p.success || p.data.frameId !== this.mainFrameId || p.data.disposition !== 'currentTab') return;
      const how = clientRedirectHow(p.data.reason);
      this.clientNavigation = how ? { how, from: this.mainUrl, to: p.data.url } : undefined;
    } else if (method === 'Page.frameScheduledNavigation') {
      const p = ScheduledNavigation.safeParse(params);
      if (p.success && p.data.frameId === this.mainFrameId && p.data.delay <= WAIT_FOR_SCHEDULED_S) {
        this.activity.hold(this.mainFrameId);
      }
    } else if (method === 'Page.frameClearedScheduledNavigation') {
      const p = ClearedNavigation.safeParse(params);
      if (p.success) this.activity.release(p.data.frameId);
    } else if (method === 'Runtime.bindingCalled') {
      const p = BindingCalled.safeParse(params);
      const report = p.success && p.data.name === this.guardBinding ? parseGuardReport(p.data.payload) : undefined;
      if (report) this.hub.emit('browser.navigation-blocked', guardBlocked(report));
    }
  }

  async navigate(url: string): Promise<void> {
    this.assertAlive();
    const verdict = requestedNavigationVerdict(url);
    if (!verdict.allowed) {
      if (verdict.reason === 'not an absolute URL')
        throw new CodedError('INVALID_INPUT', `not an absolute URL: ${url}`);
      this.hub.emit('browser.navigation-blocked', { url, reason: verdict.reason });
      throw new CodedError('NAVIGATION_BLOCKED', `not opened: ${verdict.reason}`);
    }
    this.activity.touch();
    try {
      await this.guarded(() => this.wc.loadURL(url));
    } catch (e) {
      // A failed load is a fact about the site, recorded by did-fail-load; only a teardown ends the call.
      if (this.torn) throw e;
    }
    await this.settle();
  }

  async back(): Promise<void> {
    this.assertAlive();
    const history = this.wc.navigationHistory;
    if (!history.canGoBack()) return;
    history.goBack();
    await this.settle();
  }

  async forward(): Promise<void> {
    this.assertAlive();
    const history = this.wc.navigationHistory;
    if (!history.canGoForward()) return;
    history.goForward();
    await this.settle();
  }

  async reload(): Promise<void> {
    this.assertAlive();
    this.wc.reload();
    await this.settle();
  }

  async stop(): Promise<void> {
    this.assertAlive();
    this.wc.stop();
  }

  async click(selector: string): Promise<void> {
    this.assertAlive();
    if (selector.trim() === '') throw new CodedError('INVALID_INPUT', 'a selector is required');
    await this.guarded(() => cdpClick(this.send, selector, this.deps.clickTimeoutMs ?? 5000, () => this.assertAlive()));
    await this.settle();
  }

  async capture(mode: CaptureMode): Promise<CaptureResult> {
    this.assertCaptureMode(mode);
    const { mainUrl: url, title } = this;
    const [png, page] = await this.guarded(() =>
      Promise.all([
        mode === 'viewport'
          ? this.wc.capturePage().then((image) => new Uint8Array(image.toPNG()))
          : cdpScreenshot(this.send, 'fullpage'),
        this.documents.snapshot(this.send),
      ]),
    );
    const { width, height } = readPngSize(png);
    return { png, width, height, url, title, page };
  }

  safeView(): SafeViewReport {
    this.assertAlive();
    return this.safe.report();
  }

  async reveal(url: string): Promise<void> {
    this.assertAlive();
    this.safe.reveal(url);
    this.wc.reloadIgnoringCache();
    await this.settle();
  }

  protected async destroy(reason: TeardownReason): Promise<void> {
    // Blank first: the page leaves the screen before anything else happens.
    this.view.setVisible(false);
    this.safe.end();
    this.deps.host.removeChildView(this.view);
    try {
      this.wc.stop();
      if (this.wc.debugger.isAttached()) this.wc.debugger.detach();
      this.wc.close({ waitForBeforeUnload: false });
      await this.ses.clearStorageData();
      await this.ses.clearCache();
      await this.ses.clearAuthCache();
      await this.ses.clearHostResolverCache();
    } finally {
      this.hub.final({ reason });
    }
  }
}

/**
 * Opens a fresh evidence view: its own partition without `persist:` (in memory only, gone when the app quits), every
 * permission denied, popups and downloads refused, every navigation screened, and all of it reported as facts.
 */
export async function openElectronEvidenceBrowser(
  deps: ElectronEvidenceDeps,
): Promise<{ browser: EvidenceBrowser; view: WebContentsView }> {
  const partition = `incident-${randomUUID()}`;
  const ses = deps.session.fromPartition(partition);
  const view = new deps.WebContentsView({ webPreferences: { ...EVIDENCE_WEB_PREFERENCES, partition } });
  const browser = new ElectronEvidenceBrowser(deps, view, ses, { ...DEFAULT_SETTLE, ...deps.settle });
  try {
    await browser.init();
  } catch (e) {
    view.webContents.close();
    throw e;
  }
  deps.host.addChildView(view);
  return { browser, view };
}
