// The page's source and the connection that served it, read over the DevTools protocol the same way by both adapters.
import { createHash, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { CertificateInfo, PageConnection } from '@shared/evidence/page-record';
import type { CdpSend } from './cdp';

/** What a capture holds of its page besides the image: the serialised document and, if it had one, its response. */
export interface PageSnapshot {
  /** The document after its scripts ran, serialised as HTML, UTF-8. Media stay addresses. */
  html: Uint8Array;
  connection?: PageConnection;
}

const ResponseReceived = z.object({
  loaderId: z.string(),
  type: z.string().optional(),
  response: z.object({
    url: z.string(),
    status: z.number(),
    statusText: z.string().optional(),
    headers: z.record(z.string(), z.unknown()),
    protocol: z.string().optional(),
    remoteIPAddress: z.string().optional(),
    remotePort: z.number().optional(),
    securityDetails: z.object({ protocol: z.string(), cipher: z.string().optional() }).optional(),
  }),
});
type Response = z.infer<typeof ResponseReceived>['response'];

const FrameNavigated = z.object({
  frame: z.object({ parentId: z.string().optional(), loaderId: z.string() }),
});

/** Document responses waiting for their frame to commit; a few suffice, as only the latest loads commit. */
const PENDING_LIMIT = 32;

const isoOf = (opensslTime: string): string => new Date(opensslTime).toISOString();

/** One certificate as a court reads it: names, validity and the SHA-256 of its DER bytes. */
export const certificateInfo = (der: Uint8Array): CertificateInfo => {
  const cert = new X509Certificate(der);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    validFrom: isoOf(cert.validFrom),
    validTo: isoOf(cert.validTo),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
};

const sortedHeaders = (headers: Record<string, unknown>): PageConnection['headers'] =>
  Object.entries(headers)
    .map(([name, value]) => ({ name, value: String(value) }))
    .sort((a, b) =>
      a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0,
    );

/**
 * Follows the main frame's document responses (Network.responseReceived) and commits (Page.frameNavigated), so that a
 * capture knows which response served the page on screen. Needs Page.enable and Network.enable.
 */
export class MainDocumentWatch {
  private readonly pending = new Map<string, Response>();
  private current: Response | undefined;

  onResponse(params: unknown): void {
    const p = ResponseReceived.safeParse(params);
    if (!p.success || p.data.type !== 'Document') return;
    this.pending.set(p.data.loaderId, p.data.response);
    if (this.pending.size > PENDING_LIMIT) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
  }

  onNavigated(params: unknown): void {
    const p = FrameNavigated.safeParse(params);
    if (!p.success) return;
    const response = this.pending.get(p.data.frame.loaderId);
    this.pending.delete(p.data.frame.loaderId);
    // A top-level commit with no response of its own (an error page, about:blank) leaves no connection to report.
    if (p.data.frame.parentId === undefined) this.current = response;
  }

  /** The page's source and the response that served it, as they are now. */
  async snapshot(send: CdpSend): Promise<PageSnapshot> {
    const response = this.current;
    const [html, connection] = await Promise.all([
      documentHtml(send),
      response ? connectionOf(send, response) : Promise.resolve(undefined),
    ]);
    return { html, ...(connection ? { connection } : {}) };
  }
}

/** The whole document, doctype included, as the engine serialises its DOM now: no media bytes, only their addresses. */
async function documentHtml(send: CdpSend): Promise<Uint8Array> {
  const { root } = await send('DOM.getDocument', { depth: 0 });
  const { outerHTML } = await send('DOM.getOuterHTML', { nodeId: root.nodeId });
  return Buffer.from(outerHTML, 'utf8');
}

async function connectionOf(send: CdpSend, r: Response): Promise<PageConnection> {
  const connection: PageConnection = {
    url: r.url,
    ...(r.remoteIPAddress ? { ip: r.remoteIPAddress } : {}),
    ...(r.remotePort !== undefined && r.remoteIPAddress ? { port: r.remotePort } : {}),
    status: r.status,
    ...(r.statusText ? { statusText: r.statusText } : {}),
    ...(r.protocol ? { protocol: r.protocol } : {}),
    headers: sortedHeaders(r.headers),
  };
  if (!r.securityDetails) return connection;
  const { tableNames } = await send('Network.getCertificate', { origin: new URL(r.url).origin });
  return {
    ...connection,
    tls: {
      protocol: r.securityDetails.protocol,
      ...(r.securityDetails.cipher ? { cipher: r.securityDetails.cipher } : {}),
      certificates: tableNames.map((b64) => certificateInfo(Buffer.from(b64, 'base64'))),
    },
  };
}
