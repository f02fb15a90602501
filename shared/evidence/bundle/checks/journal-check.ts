// Check: the journal's hash chain, its device-signed heads, and the head bag-info.txt recorded; the audit also files
// the procedure's and the sign-offs' problems under their own checks.
import { auditJournal } from '../../audit';
import { verifyChain } from '../../chain';
import { DEVICE_SIGNER, INFO, PAYLOAD, TAG_FILES } from '../bag-layout';
import { utf8Decode } from '../bytes';
import { isProblemCode } from '../bundle-report';
import type { CheckStep, VerifyContext } from '../verify-context';

const at = (where: string) => `${PAYLOAD.journal} ${where}`;

/** The journal's lines, or null (with the problem added) when it is not whole UTF-8 text. */
const journalLines = (ctx: VerifyContext, bytes: Uint8Array): string[] | null => {
  const text = utf8Decode(bytes);
  if (text === null) ctx.add('JOURNAL_UNREADABLE', PAYLOAD.journal, 'the journal is not UTF-8 text');
  else if (text.length > 0 && !text.endsWith('\n'))
    ctx.add(
      'JOURNAL_UNREADABLE',
      PAYLOAD.journal,
      "the journal's last line is incomplete (no final newline): it was cut short",
    );
  else return text.length === 0 ? [] : text.slice(0, -1).split('\n');
  return null;
};

/** With the device key, the full audit; without it, the hash chain alone, and the journal check is not made. */
const readEntries = (ctx: VerifyContext, lines: readonly string[]): void => {
  const deviceKey = ctx.keys.get(DEVICE_SIGNER);
  if (deviceKey) {
    const audit = auditJournal(ctx.crypto, lines, deviceKey.pem);
    for (const p of audit.problems)
      ctx.add(isProblemCode(p.code) ? p.code : 'JOURNAL_UNREADABLE', at(p.where), p.message);
    ctx.warnings.push(...audit.warnings);
    ctx.entries = audit.entries;
    ctx.journalComplete = ctx.entries.length === lines.length;
    ctx.audited = ctx.journalComplete;
    return;
  }
  const chain = verifyChain(ctx.crypto, lines);
  if (chain.problem)
    ctx.add(
      chain.problem.code,
      at(chain.problem.seq === undefined ? `line ${chain.problem.line}` : `entry ${chain.problem.seq}`),
      chain.problem.message,
    );
  ctx.entries = chain.entries;
  ctx.journalComplete = !chain.problem;
  const why = 'there is no readable device key in signatures/ to check the signed heads and sign-offs with';
  for (const id of ['journal', 'procedure', 'signoff'] as const) ctx.notChecked.set(id, why);
};

/** The journal as read must end where bag-info.txt says the bundle's journal ended. */
const checkDeclaredHead = (ctx: VerifyContext): void => {
  const { entries } = ctx;
  const declared = { entries: ctx.field(INFO.journalEntries), head: ctx.field(INFO.journalHead) };
  if (declared.entries === null || declared.head === null) {
    ctx.add(
      'BAG_INFO',
      TAG_FILES.bagInfo,
      `bag-info.txt does not record the journal's head (${INFO.journalEntries}, ${INFO.journalHead})`,
    );
  } else if (Number(declared.entries) !== entries.length || declared.head !== (entries.at(-1)?.hash ?? '')) {
    ctx.add(
      'JOURNAL_HEAD_MISMATCH',
      PAYLOAD.journal,
      `the journal has ${entries.length} entries ending in ${(entries.at(-1)?.hash ?? '').slice(0, 16)}…, ` +
        `but the bundle was made with ${declared.entries} entries ` +
        `ending in ${(declared.head ?? '').slice(0, 16)}…: ` +
        'entries were cut off, added or replaced',
    );
  }
};

export const journalCheck: CheckStep = {
  id: 'journal',
  run: (ctx) => {
    const bytes = ctx.kept.get(PAYLOAD.journal);
    const lines = bytes ? journalLines(ctx, bytes) : null;
    if (!lines) return;
    readEntries(ctx, lines);
    if (lines.length === 0) ctx.add('JOURNAL_UNREADABLE', PAYLOAD.journal, 'the journal is empty');
    const head = ctx.journalComplete ? (ctx.entries.at(-1)?.hash ?? null) : null;
    ctx.journalSummary = { entries: lines.length, head };
    if (ctx.journalComplete) checkDeclaredHead(ctx);
    if (ctx.audited && lines.length > 0) ctx.ran.add('journal');
  },
};
