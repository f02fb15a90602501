// The Electron evidence view over fakes of WebContentsView and Session: the options it is created with and every guard
// it installs.
import type { View } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EVIDENCE_WEB_PREFERENCES,
  openElectronEvidenceBrowser,
  type ElectronEvidenceDeps,
} from '@main/browser/electron-evidence-browser';
import type { BrowserEvent, EvidenceBrowser } from '@main/browser/evidence-browser';
import { CodedError } from '@shared/result';

type Listener = (...args: never[]) => void;

/** Records listeners by event name and calls them as Electron would. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

/** An event whose preventDefault is observable. */
const preventable = <T extends object>(fields: T): T & { prevented: boolean; preventDefault(): void } => {
  const e = { ...fields, prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
};

type PermissionRequest = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: object,
) => void;

class FakeSession extends Emitter {
  permissionRequest: PermissionRequest | null = null;
  permissionCheck: (() => boolean) | null = null;
  devicePermission: (() => boolean) | null = null;
  displayMedia: ((request: { securityOrigin: string }, callback: (streams: null) => void) => void) | null = null;
  readonly cleared: string[] = [];
  readonly webRequest = { onBeforeRedirect: () => undefined };

  setPermissionRequestHandler(h: PermissionRequest): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: () => boolean): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: () => boolean): void {
    this.devicePermission = h;
  }
  setDisplayMediaRequestHandler(h: FakeSession['displayMedia']): void {
    this.displayMedia = h;
  }
  clearStorageData = async (): Promise<void> => void this.cleared.push('storage');
  clearCache = async (): Promise<void> => void this.cleared.push('cache');
  clearAuthCache = async (): Promise<void> => void this.cleared.push('auth');
  clearHostResolverCache = async (): Promise<void> => void this.cleared.push('dns');
}

class FakeDebugger extends Emitter {
  attached = false;
  readonly commands: string[] = [];
  attach(): void {
    this.attached = true;
  }
  isAttached(): boolean {
    return this.attached;
  }
  detach(): void {
    this.attached = false;
  }
  sendCommand = async (method: string): Promise<object> => {
    this.commands.push(method);
    return method === 'Page.getFrameTree' ? { frameTree: { frame: { id: 'MAIN' } } } : {};
  };
}

class FakeContents extends Emitter {
  readonly debugger = new FakeDebugger();
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly loaded: string[] = [];
  closed = false;
  setWindowOpenHandler(h: FakeContents['openHandler']): void {
    this.openHandler = h;
  }
  loadURL = async (url: string): Promise<void> => void this.loaded.push(url);
  stop(): void {}
  close(): void {
    this.closed = true;
  }
}

let sessions: Map<string, FakeSession>;
let views: FakeView[];

class FakeView {
  readonly webContents = new FakeContents();
  visible = true;
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    views.push(this);
  }
  setVisible(v: boolean): void {
    this.visible = v;
  }
}

const host = {
  children: new Set<FakeView>(),
  addChildView: (v: FakeView) => host.children.add(v),
  removeChildView: (v: FakeView) => host.children.delete(v),
};

const open = async () => {
  const deps: ElectronEvidenceDeps = {
    WebContentsView: FakeView as unknown as ElectronEvidenceDeps['WebContentsView'],
    session: {
      fromPartition: (partition: string) => {
        const s = new FakeSession();
        sessions.set(partition, s);
        return s;
      },
    } as unknown as ElectronEvidenceDeps['session'],
    host: host as unknown as View,
  };
  const { browser } = await openElectronEvidenceBrowser(deps);
  const view = views.at(-1);
  const partition = String(view?.options.webPreferences.partition);
  const ses = sessions.get(partition);
  if (!view || !ses) throw new Error('the evidence view was not created');
  const events: BrowserEvent[] = [];
  browser.onEvent((e) => events.push(e));
  const facts = (kind: BrowserEvent['kind']) => events.filter((e) => e.kind === kind).map((e) => e.data);
  return { browser, view, wc: view.webContents, ses, partition, facts };
};

beforeEach(() => {
  sessions = new Map();
  views = [];
  host.children.clear();
});

describe('the evidence view is created', () => {
  it('sandboxed, isolated, with no Node, no preload, no webviews, no DevTools and no plugins', async () => {
    const { view } = await open();
    const prefs = view.options.webPreferences;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
      plugins: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).toEqual({ ...EVIDENCE_WEB_PREFERENCES, partition: prefs.partition });
  });

  it('in its own in-memory partition (no "persist:"), a new one for every view, and shown in the host', async () => {
    const a = await open();
    const b = await open();
    expect(a.partition.startsWith('persist:')).toBe(false);
    expect(a.partition).not.toBe(b.partition);
    expect(a.ses).not.toBe(b.ses);
    expect(host.children.has(a.view)).toBe(true);
  });
});

describe('permissions', () => {
  it('every permission request is refused, and recorded with the asking origin', async () => {
    const { ses, facts } = await open();
    const answers: boolean[] = [];
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'midi', 'fullscreen', 'pointerLock']) {
      ses.permissionRequest?.(null, permission, (g) => answers.push(g), {
        requestingUrl: 'https://site.example/page?x=1',
      });
    }
    ses.permissionRequest?.(null, 'media', (g) => answers.push(g), {
      requestingUrl: 'https://site.example/',
      mediaTypes: ['video', 'audio'],
    });
    expect(answers).toEqual(Array(7).fill(false));
    expect(facts('browser.permission-denied')).toEqual(
      [
        'geolocation',
        'notifications',
        'clipboard-read',
        'midi',
        'fullscreen',
        'pointerLock',
        'camera',
        'microphone',
      ].map((permission) => ({
        permission,
        origin: 'https://site.example',
      })),
    );
  });

  it('a page asking to open another program is refused and recorded as a blocked navigation', async () => {
    const { ses, facts } = await open();
    const answers: boolean[] = [];
    ses.permissionRequest?.(null, 'openExternal', (g) => answers.push(g), {
      requestingUrl: 'https://site.example/',
      externalURL: 'ms-settings:privacy',
    });
    expect(answers).toEqual([false]);
    expect(facts('browser.navigation-blocked')).toEqual([
      { url: 'ms-settings:privacy', reason: 'opening another program is not allowed' },
    ]);
  });

  it('permission checks, device permissions and screen sharing are refused', async () => {
    const { ses, facts } = await open();
    expect(ses.permissionCheck?.()).toBe(false);
    expect(ses.devicePermission?.()).toBe(false);
    const streams: unknown[] = [];
    ses.displayMedia?.({ securityOrigin: 'https://site.example' }, (s) => streams.push(s));
    expect(streams).toEqual([null]);
    expect(facts('browser.permission-denied')).toEqual([
      { permission: 'display-capture', origin: 'https://site.example' },
    ]);
  });

  it('HID, serial, USB and Bluetooth device pickers are cancelled and recorded', async () => {
    const { ses, wc, facts } = await open();
    const picked: unknown[] = [];
    const events = [preventable({}), preventable({}), preventable({}), preventable({})];
    ses.emit('select-hid-device', events[0], {}, (d: unknown) => picked.push(d));
    ses.emit('select-serial-port', events[1], [], null, (d: unknown) => picked.push(d));
    ses.emit('select-usb-device', events[2], {}, (d?: unknown) => picked.push(d));
    wc.emit('select-bluetooth-device', events[3], [], (d: unknown) => picked.push(d));
    expect(events.every((e) => e.prevented)).toBe(true);
    expect(picked).toEqual([null, '', undefined, '']);
    expect(facts('browser.permission-denied').map((d) => ('permission' in d ? d.permission : ''))).toEqual([
      'hid',
      'serial',
      'usb',
      'bluetooth',
    ]);
  });
});

describe('downloads and popups', () => {
  it('a download is cancelled and recorded with its address and file name', async () => {
    const { ses, facts } = await open();
    const event = preventable({});
    ses.emit('will-download', event, {
      getURL: () => 'https://site.example/report.exe',
      getFilename: () => 'report.exe',
    });
    expect(event.prevented).toBe(true);
    expect(facts('browser.download-blocked')).toEqual([
      { url: 'https://site.example/report.exe', filename: 'report.exe' },
    ]);
  });

  it('every new window is denied and recorded with the page that asked', async () => {
    const { wc, facts } = await open();
    expect(wc.openHandler?.({ url: 'https://popup.example/' })).toEqual({ action: 'deny' });
    expect(facts('browser.popup-blocked')).toEqual([{ url: 'https://popup.example/', opener: 'about:blank' }]);
  });
});

describe('navigation', () => {
  it(
    'pages may go to http and https; other schemes are ' + 'stopped in any frame, on a redirect too, and recorded',
    async () => {
      const { wc, facts } = await open();
      const go = (event: string, url: string, isMainFrame = true) => {
        const details = preventable({ url, isMainFrame });
        wc.emit(event, details);
        return details.prevented;
      };
      expect(go('will-frame-navigate', 'https://site.example/next')).toBe(false);
      expect(go('will-frame-navigate', 'http://127.0.0.1:8080/', false)).toBe(false);
      expect(go('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
      expect(go('will-frame-navigate', 'countersign://app/index.html')).toBe(true);
      expect(go('will-frame-navigate', 'file:///C:/Users/', false)).toBe(true);
      expect(go('will-redirect', 'ms-settings:privacy')).toBe(true);
      expect(facts('browser.navigation-blocked').map((d) => ('url' in d ? d.url : ''))).toEqual([
        'file:///etc/passwd',
        'countersign://app/index.html',
        'file:///C:/Users/',
        'ms-settings:privacy',
      ]);
    },
  );

  it('the reviewers can open only http and https addresses; anything else never reaches the view', async () => {
    const { browser, wc, facts } = await open();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'countersign://app/']) {
      await expect(browser.navigate(url)).rejects.toMatchObject({ code: 'NAVIGATION_BLOCKED' });
    }
    expect(wc.loaded).toEqual([]);
    expect(facts('browser.navigation-blocked')).toHaveLength(3);
  });

  it('a certificate error is never trusted: the load is refused and the error recorded', async () => {
    const { wc, facts } = await open();
    const event = preventable({});
    const trusted: boolean[] = [];
    wc.emit(
      'certificate-error',
      event,
      'https://self-signed.example/',
      'net::ERR_CERT_AUTHORITY_INVALID',
      {},
      (t: boolean) => trusted.push(t),
      true,
    );
    expect(event.prevented).toBe(true);
    expect(trusted).toEqual([false]);
    expect(facts('browser.certificate-error')).toHaveLength(1);
  });
});

describe('teardown', () => {
  it('hides and removes the view, closes the page, detaches the debugger and clears the session', async () => {
    const { browser, view, wc, ses } = await open();
    await browser.teardown('halt');
    expect(view.visible).toBe(false);
    expect(host.children.has(view)).toBe(false);
    expect(wc.closed).toBe(true);
    expect(wc.debugger.attached).toBe(false);
    expect(ses.cleared.sort()).toEqual(['auth', 'cache', 'dns', 'storage']);
  });

  it('after teardown nothing more can be done with the view', async () => {
    const { browser } = await open();
    await browser.teardown('halt');
    const refused = async (b: EvidenceBrowser) => {
      try {
        await b.capture('viewport');
      } catch (e) {
        return e;
      }
      return null;
    };
    const error = await refused(browser);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('PROCEDURE_FORBIDS');
  });
});
