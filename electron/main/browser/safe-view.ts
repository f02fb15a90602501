// Safe view below the page, over the DevTools protocol in both engines: every picture the page loads is answered with
// a blurred, greyed stand-in and every audio or video request is held back, until a reviewer reveals that one address.
// The page's styles and scripts only ever receive the stand-in's bytes, so nothing they do can make it sharp again.
import { z } from 'zod';
import type { CdpSend } from './cdp';
import { StandInCache } from './safe-view-blur';
import { installSafeViewCover } from './safe-view-cover';
import {
  headerValue,
  mediaOfType,
  SAFE_VIEW_PATTERNS,
  sniffMedia,
  type HeaderEntry,
  type MediaKind,
  type RequestPattern,
} from './safe-view-media';

/** The parts of a Fetch.requestPaused event safe view reads. */
export interface PausedRequest {
  requestId: string;
  request: { url: string };
  resourceType: string;
  responseStatusCode?: number;
  responseErrorReason?: string;
  responseHeaders?: HeaderEntry[];
}

const PausedRequestSchema = z.object({
  requestId: z.string(),
  request: z.object({ url: z.string() }),
  resourceType: z.string(),
  responseStatusCode: z.number().optional(),
  responseErrorReason: z.string().optional(),
  responseHeaders: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});

/** A Fetch.requestPaused event's parameters as an engine's raw protocol message gives them, if they are one. */
export const parsePausedRequest = (params: unknown): PausedRequest | undefined => {
  const p = PausedRequestSchema.safeParse(params);
  return p.success ? p.data : undefined;
};

/** What safe view is doing on the page now: what it blurred or held back, and what the reviewers revealed. */
export interface SafeViewReport {
  on: boolean;
  /** Addresses shown blurred (pictures) or held back (audio, video) on the current page, in the order requested. */
  hidden: { url: string; kind: MediaKind }[];
  /** Addresses the reviewers chose to see, for this whole review. */
  revealed: string[];
}

/** The largest response safe view reads to blur it; anything larger is refused outright. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Content types under which the engine may sniff a document's bytes and show a picture. */
const SNIFFED_TYPES = new Set(['', 'text/plain', 'application/octet-stream', 'unknown/unknown', 'application/unknown']);

/** Headers that describe the original bytes, not the stand-in. */
const DROPPED = new Set(['content-type', 'content-length', 'content-encoding', 'etag', 'last-modified', 'digest']);

const isResponseStage = (e: PausedRequest): boolean =>
  e.responseStatusCode !== undefined || e.responseErrorReason !== undefined;

export class SafeView {
  private readonly revealedUrls = new Set<string>();
  private readonly hiddenUrls = new Map<string, MediaKind>();
  private readonly cache = new StandInCache();
  private ended = false;

  constructor(
    private readonly send: CdpSend,
    readonly on: boolean,
  ) {}

  /** The Fetch patterns safe view needs on top of the adapter's own. */
  patterns(): RequestPattern[] {
    return this.on ? [...SAFE_VIEW_PATTERNS] : [];
  }

  /**
   * Every request must reach the interception: no answer from the HTTP cache or from a service worker the page
   * registered. What never passes the network (canvas, data: and blob: pictures) is covered in an isolated world.
   * Needs the Network domain enabled.
   */
  async prepare(): Promise<void> {
    if (!this.on) return;
    await this.send('Network.setCacheDisabled', { cacheDisabled: true });
    await this.send('Network.setBypassServiceWorker', { bypass: true });
    await installSafeViewCover(this.send);
  }

  /**
   * Takes a paused request if it is safe view's to answer (it then answers it, asynchronously) and says whether it did.
   * A document is safe view's only when its response is a picture or a recording (an address opened directly).
   */
  handle(e: PausedRequest): boolean {
    if (!this.on) return false;
    if (e.resourceType === 'Document' && !this.mayBeMediaDocument(e)) return false;
    // The page may be gone by the time the answer is ready; then there is nothing left to answer.
    void this.answer(e).catch(() => undefined);
    return true;
  }

  /**
   * A document is a picture or a recording when its content type says so, or when it has none the engine trusts and
   * would sniff (then its first bytes decide). A redirect is left to the adapter's own screening.
   */
  private mayBeMediaDocument(e: PausedRequest): boolean {
    const status = e.responseStatusCode ?? 0;
    if (e.responseStatusCode === undefined || (status >= 300 && status < 400)) return false;
    const type = headerValue(e.responseHeaders, 'content-type');
    if (mediaOfType(type) !== undefined) return true;
    const bare = (type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return SNIFFED_TYPES.has(bare);
  }

  /** The main frame has a new document: what the old one hid is no longer on the page. */
  newPage(): void {
    this.hiddenUrls.clear();
  }

  /** From now on this address is served as it is; the caller reloads the page so that the page receives it. */
  reveal(url: string): void {
    this.revealedUrls.add(url);
  }

  report(): SafeViewReport {
    return {
      on: this.on,
      hidden: [...this.hiddenUrls].filter(([url]) => !this.revealedUrls.has(url)).map(([url, kind]) => ({ url, kind })),
      revealed: [...this.revealedUrls],
    };
  }

  /** The page is going: nothing more is answered, and the stand-ins are dropped. */
  end(): void {
    this.ended = true;
    this.cache.clear();
    this.hiddenUrls.clear();
  }

  private async answer(e: PausedRequest): Promise<void> {
    const { requestId } = e;
    const url = e.request.url;
    if (this.ended) return this.refuse(requestId);
    if (this.revealedUrls.has(url)) return this.pass(requestId);
    if (!isResponseStage(e)) {
      // Audio and video never start until revealed: nothing of them reaches the page.
      this.hiddenUrls.set(url, 'video');
      return this.refuse(requestId);
    }
    if (e.responseErrorReason !== undefined) return this.pass(requestId);
    const typed = mediaOfType(headerValue(e.responseHeaders, 'content-type'));
    if (typed === 'video') {
      this.hiddenUrls.set(url, 'video');
      return this.refuse(requestId);
    }
    const declared = Number(headerValue(e.responseHeaders, 'content-length') ?? '0');
    if (declared > MAX_BODY_BYTES) return this.refuse(requestId);
    const { body, base64Encoded } = await this.send('Fetch.getResponseBody', { requestId });
    const bytes = Buffer.from(body, base64Encoded ? 'base64' : 'utf8');
    // The server's word is not trusted: a script's fetch() of a picture labelled as text is a picture all the same.
    const kind = e.resourceType === 'Image' ? 'image' : (sniffMedia(bytes) ?? typed);
    if (kind === undefined) return this.pass(requestId);
    this.hiddenUrls.set(url, kind);
    if (kind === 'video' || bytes.length > MAX_BODY_BYTES) return this.refuse(requestId, bytes);
    // What the page shows gets the cheap SVG stand-in; what a script reads gets pixels it can decode.
    const shown = e.resourceType === 'Image' || e.resourceType === 'Document';
    const standIn = await this.cache.get(bytes, shown ? 'svg' : 'raster');
    bytes.fill(0);
    if (this.ended) return this.refuse(requestId);
    const headers = (e.responseHeaders ?? []).filter((h: HeaderEntry) => !DROPPED.has(h.name.toLowerCase()));
    await this.send('Fetch.fulfillRequest', {
      requestId,
      responseCode: e.responseStatusCode ?? 200,
      responseHeaders: [
        ...headers,
        { name: 'Content-Type', value: standIn.contentType },
        { name: 'Cache-Control', value: 'no-store' },
      ],
      body: standIn.body.toString('base64'),
    });
  }

  private async pass(requestId: string): Promise<void> {
    await this.send('Fetch.continueRequest', { requestId });
  }

  private async refuse(requestId: string, bytes?: Buffer): Promise<void> {
    bytes?.fill(0);
    await this.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
  }
}
