// The destruction certificate: a printable page that says which incident was deleted, when, by whose agreement and
// why, with the hashes that tie it to the vault's signed deletion log. It holds nothing of the incident's content.
import type { Tombstone } from '../evidence/tombstone';
import { baseCss, cssRule, dateTime, documentHtml, escapeHtml, multiline, pageCss } from './html';

export interface CertificateContext {
  organisation: string;
  computer: { name: string; location: string };
}

const row = (label: string, value: string): string =>
  `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`;

const certificateCss = `
${cssRule('h1', 'font-size: 16pt', 'margin-bottom: 4mm')}
${cssRule('table', 'width: 100%', 'border-collapse: collapse', 'margin-bottom: 5mm')}
${cssRule('th, td', 'border: 1px solid #111', 'padding: 1.6mm 2mm', 'text-align: left', 'vertical-align: top')}
${cssRule('th', 'width: 32%', 'background: #eee')}
${cssRule('.sign', 'height: 16mm')}
`;

export const certificateHtml = (t: Tombstone, ctx: CertificateContext): string => {
  const people = t.agreedBy
    .map(
      (p, i) =>
        row(`Agreed by (${i + 1})`, `${escapeHtml(p.name)}, ${escapeHtml(p.role)}`) +
        row('Their key fingerprint', `<span class="mono">${escapeHtml(p.keyFingerprint)}</span>`) +
        `<tr><th scope="row">Signature</th><td class="sign"></td></tr>`,
    )
    .join('');
  const body = `<div class="sheet">
<h1>Certificate of destruction: incident ${escapeHtml(t.ref)}</h1>
<p>${escapeHtml(ctx.organisation)} deleted this online-safety incident record from Countersign on the computer named
below. Every file of the incident (its journal, screenshots and drafts) was overwritten and removed. What remains is
this certificate and a signed entry in the computer's deletion log; neither holds anything of the record's content.</p>
<table>
${row('Incident reference', `<span class="mono">${escapeHtml(t.ref)}</span>`)}
${row('Opened', escapeHtml(dateTime(t.openedAt)))}
${row('Signed off', t.signedOffAt ? escapeHtml(dateTime(t.signedOffAt)) : 'Not signed off')}
${row('Deleted', escapeHtml(dateTime(t.deletedAt)))}
${row('Reason', multiline(t.reason))}
${row('Journal entries deleted', String(t.journal.entries))}
${row('Screenshots deleted', String(t.files))}
${row('Last journal hash', `<span class="mono">${escapeHtml(t.journal.head)}</span>`)}
${row('Computer', `${escapeHtml(ctx.computer.name)}, ${escapeHtml(ctx.computer.location)}`)}
${row('Computer key fingerprint', `<span class="mono">${escapeHtml(t.deviceKeyFingerprint)}</span>`)}
${row('Deletion log entry', `No. ${t.seq + 1}, hash <span class="mono">${escapeHtml(t.hash)}</span>`)}
${people}
</table>
<p class="muted">Keep this certificate with the school's record of disposals (its retention schedule). Copies of the
incident outside Countersign (printouts, exported bundles, backups) are not covered by it: destroy them separately.</p>
</div>`;
  const css =
    baseCss +
    pageCss({ headerLeft: `Destruction ${t.ref}`, footerLeft: ctx.organisation, practice: false }) +
    certificateCss;
  return documentHtml(`Certificate of destruction ${t.ref}`, css, body);
};
