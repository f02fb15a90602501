// The verifier's report on screen: the verdict, the values to compare with the paper form, every check, every problem
// and every note, as the command line prints them.
import type { VerifyReport } from '@shared/ipc/contract';

const RESULT: Record<VerifyReport['checks'][number]['result'], string> = {
  passed: 'Passed',
  failed: 'FAILED',
  'not checked': 'NOT CHECKED',
  'not available': 'Not available in this format',
};

const HEADLINE: Record<VerifyReport['status'], string> = {
  valid: 'VALID: the bundle is intact',
  invalid: 'INVALID: do not rely on this bundle',
  unreadable: 'NOT CHECKED: the bundle cannot be read',
};

type Paper = NonNullable<VerifyReport['paper']>;
type Pin = VerifyReport['pins'][number];

/** Whether the value typed from the form for this row matched it; null when nothing was typed for it. */
const typed = (pins: readonly Pin[], what: Pin['what'], value: string | null): string | null => {
  const mine = pins.filter((p) => p.what === what);
  if (mine.length === 0) return null;
  if (value !== null && mine.some((p) => p.matched === value)) return 'matches what you typed';
  // A reviewer's key typed may be the other reviewer's: only the computer's key and the digest have one row each.
  return what === 'reviewer' ? null : 'does NOT match what you typed';
};

const PaperValues = ({ paper, pins }: { paper: Paper; pins: readonly Pin[] }) => {
  const rows: [string, string, string | null][] = [
    ['Computer’s key fingerprint', paper.device, typed(pins, 'device', paper.device)],
    ...(paper.laterDevices ?? []).map((fp): [string, string, string | null] => [
      'Replacement computer’s key fingerprint (restored from a backup)',
      fp,
      typed(pins, 'device', fp),
    ]),
    [
      'Record digest',
      paper.recordDigest ?? 'None: no conclusion was recorded',
      typed(pins, 'digest', paper.recordDigest),
    ],
    ...paper.reviewers.map((r): [string, string, string | null] => [
      `Signed off by ${r.name} (${r.role}): key fingerprint`,
      r.signoffKey ?? 'NOT SIGNED OFF',
      typed(pins, 'reviewer', r.signoffKey),
    ]),
    [
      'The record was sealed at',
      paper.sealedHead ? `journal entry ${paper.sealedHead.seq}, hash ${paper.sealedHead.hash}` : 'Not sealed',
      null,
    ],
  ];
  const missed = pins.filter((p) => p.matched === null);
  return (
    <section aria-labelledby="paper-h">
      <h2 id="paper-h">Compare with the printed form</h2>
      <p>
        These are the values the signed paper form prints, in the same order. Each must be the same on the paper: only
        the paper ties this bundle to the school.
      </p>
      <dl className="paper-values">
        {rows.map(([label, value, match]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <span className="mono">{value}</span>
              {match && <span className="small"> ({match})</span>}
            </dd>
          </div>
        ))}
      </dl>
      {missed.length > 0 && (
        <div className="error">
          <p>
            <strong>What you typed from the form is not in this bundle:</strong>
          </p>
          <ul>
            {missed.map((p) => (
              <li key={`${p.what}:${p.expected}`} className="mono">
                {p.expected}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
};

export const VerifyResult = ({ report }: { report: VerifyReport }) => (
  <section aria-labelledby="result-h" role="status">
    <div className={report.valid ? 'success' : 'error'}>
      <h2 id="result-h">{HEADLINE[report.status]}</h2>
      <p>{report.verdict}</p>
      {!report.valid && <p>Keep the bundle as you received it, and ask the school for a fresh export.</p>}
    </div>
    {report.paper && <PaperValues paper={report.paper} pins={report.pins} />}
    {report.problems.length > 0 && (
      <>
        <h2>Problems</h2>
        <ul>
          {report.problems.map((p, i) => (
            <li key={i}>
              {p.message} <span className="small">({p.where})</span>
            </li>
          ))}
        </ul>
      </>
    )}
    {report.checks.length > 0 && (
      <table aria-label="Checks made">
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((c) => (
            <tr key={c.id}>
              <td>
                {c.title}
                {c.note && <div className="small">{c.note}</div>}
              </td>
              <td>{RESULT[c.result]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    {report.warnings.length > 0 && (
      <>
        <h2>Notes</h2>
        <ul>
          {report.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      </>
    )}
    {report.signers.length > 0 && (
      <>
        <h2>Signed by</h2>
        <ul>
          {report.signers.map((s) => (
            <li key={s.name}>
              {s.name === 'device'
                ? 'The investigation computer'
                : `Reviewer ${report.paper?.reviewers.find((r) => r.id === s.name)?.name ?? s.name}`}
              : signature {s.valid ? 'valid' : 'NOT valid'}
              <br />
              <span className="mono small">{s.fingerprint}</span>
            </li>
          ))}
        </ul>
      </>
    )}
  </section>
);
