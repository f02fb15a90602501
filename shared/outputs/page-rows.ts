// The lines a screenshot page prints about its capture's page record: the source's SHA-256 and the server and TLS.
import type { PageRecord } from '../evidence/page-record';
import { longDate } from './html';
import type { DetailRow } from './screenshots';

/** A certificate name is long and a hostile server chooses it: its common name, or its first line, shortened. */
const MAX_NAME_CHARS = 120;
const nameOf = (dn: string): string => {
  const lines = dn.split('\n');
  const name = (lines.find((l) => l.startsWith('CN=')) ?? lines[0] ?? '').replace(/^CN=/, '');
  return name.length <= MAX_NAME_CHARS ? name : `${name.slice(0, MAX_NAME_CHARS)}…`;
};

const serverText = (c: NonNullable<PageRecord['connection']>): string => {
  const at = c.ip ? `${c.ip}${c.port !== undefined ? ` port ${c.port}` : ''}` : 'address not given by the browser';
  const status = `HTTP ${c.status}${c.statusText ? ` ${c.statusText}` : ''}${c.protocol ? ` (${c.protocol})` : ''}`;
  const tls = c.tls ? `${c.tls.protocol}${c.tls.cipher ? `, ${c.tls.cipher}` : ''}` : 'not encrypted (HTTP)';
  return `${at}; ${status}; ${tls}`;
};

/** The rows for one capture, or none for a capture taken before page records were kept. */
export const pageRows = (page: PageRecord | undefined, timeZone: string): DetailRow[] => {
  if (!page) return [];
  const rows: DetailRow[] = [
    {
      label: 'Page source',
      text: `${page.source.sha256}\n${page.source.bytes.toLocaleString('en-GB')} bytes of HTML`,
      mono: true,
    },
  ];
  const c = page.connection;
  if (!c) return [...rows, { label: 'Server', text: '', aside: 'No network response of its own (an error page).' }];
  rows.push({ label: 'Server', text: serverText(c) });
  const [leaf, ...rest] = c.tls?.certificates ?? [];
  if (leaf)
    rows.push({
      label: 'Certificate',
      text:
        `${nameOf(leaf.subject)}, issued by ${nameOf(leaf.issuer)}, valid ${longDate(leaf.validFrom, timeZone)} to ` +
        `${longDate(leaf.validTo, timeZone)}${rest.length > 0 ? ` (+${rest.length} in the chain)` : ''}\n` +
        `SHA-256 ${leaf.sha256}`,
    });
  return rows;
};
