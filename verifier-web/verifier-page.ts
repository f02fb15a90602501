// The stand-alone verifier's page: choose the bundle (or drop it), type its password and what the paper form prints,
// and see the same report and verdict as `countersign verify`. Everything happens on this computer, offline.
import { config } from 'zod';
import type { BundleReport, VerifyPins } from '@shared/evidence/bundle/bundle-report';
import { isPin } from '@shared/evidence/bundle/paper-values';
import { formatReport, jsonReport } from '@shared/evidence/bundle/report-text';
import { verifyZipFile } from './verify-zip-file';

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

/** What the page needs from the browser; each missing one named, so that nobody is left with a blank page. */
const missingFeatures = (): string[] => {
  const missing: string[] = [];
  if (typeof DecompressionStream !== 'function') missing.push('unpacking zip files (DecompressionStream)');
  if (typeof TransformStream !== 'function') missing.push('streams (TransformStream)');
  if (typeof BigInt !== 'function') missing.push('large numbers (BigInt)');
  if (!globalThis.crypto?.subtle) missing.push('the Web Crypto API, needed to open a locked bundle');
  return missing;
};

const PIN_FIELDS: readonly { id: string; label: string }[] = [
  { id: 'pin-device', label: "The computer's key fingerprint" },
  { id: 'pin-digest', label: 'The record digest' },
  { id: 'pin-reviewer-1', label: "The first reviewer's sign-off key fingerprint" },
  { id: 'pin-reviewer-2', label: "The second reviewer's sign-off key fingerprint" },
];

const fieldValue = (id: string): string => byId<HTMLInputElement>(id).value.trim();

/** Marks a field wrong (or right again) for sighted and screen-reader users alike. */
const markField = (id: string, error: string | null): void => {
  const input = byId<HTMLInputElement>(id);
  const note = byId(`${id}-error`);
  note.textContent = error ?? '';
  note.hidden = error === null;
  if (error === null) input.removeAttribute('aria-invalid');
  else input.setAttribute('aria-invalid', 'true');
};

/** The values typed from the form, or null when one is not a fingerprint or digest (each such field marked). */
const readPins = (): VerifyPins | null => {
  let ok = true;
  for (const { id, label } of PIN_FIELDS) {
    const v = fieldValue(id);
    const bad = v !== '' && !isPin(v);
    markField(id, bad ? `${label} is 16 to 64 of the characters 0-9 and a-f, as printed on the form.` : null);
    if (bad) ok = false;
  }
  if (!ok) return null;
  const device = fieldValue('pin-device');
  const digest = fieldValue('pin-digest');
  const reviewers = [fieldValue('pin-reviewer-1'), fieldValue('pin-reviewer-2')].filter((v) => v !== '');
  return {
    ...(device ? { device } : {}),
    ...(digest ? { digest } : {}),
    ...(reviewers.length > 0 ? { reviewers } : {}),
  };
};

const HEADLINES: Record<BundleReport['status'], string> = {
  valid: 'VALID',
  invalid: 'INVALID',
  unreadable: 'This bundle cannot be checked',
};

const NEXT_STEP: Record<BundleReport['status'], string> = {
  valid:
    'Every check passed. Compare the values under "Compare with the printed form" with the incident form signed in ' +
    'ink, or type them above and check again: only the paper ties this bundle to the school.',
  invalid: 'Do not rely on this bundle. The problems below say what is wrong; tell whoever gave it to you.',
  unreadable: 'The reason is below. If the bundle is locked, type its password above and check again.',
};

let chosen: File | null = null;

const setChosen = (file: File | null): void => {
  chosen = file;
  byId('chosen').textContent = file ? `Chosen: ${file.name} (${file.size.toLocaleString('en-GB')} bytes)` : '';
  markField('bundle', null);
};

const showReport = (report: BundleReport, name: string): void => {
  const result = byId('result');
  result.dataset.status = report.status;
  byId('verdict-headline').textContent = HEADLINES[report.status];
  byId('verdict-text').textContent = report.verdict;
  byId('next-step').textContent = NEXT_STEP[report.status];
  byId('report-text').textContent = formatReport(report, name);
  byId('report-json').textContent = jsonReport(report);
  result.hidden = false;
  byId('result-heading').focus();
};

const check = async (event: SubmitEvent): Promise<void> => {
  event.preventDefault();
  const pins = readPins();
  if (!chosen) markField('bundle', 'Choose the bundle: the .zip file you were given.');
  if (!chosen || !pins) {
    byId('status').textContent = 'Some of the values need correcting: see the messages in red.';
    return;
  }
  const button = byId<HTMLButtonElement>('check');
  button.disabled = true;
  byId('result').hidden = true;
  byId('status').textContent = `Checking ${chosen.name}: a large bundle can take a minute or two.`;
  const password = byId<HTMLInputElement>('password').value;
  try {
    const report = await verifyZipFile({
      file: chosen,
      name: chosen.name,
      ...(password !== '' ? { password } : {}),
      pins,
    });
    byId('status').textContent = `Finished checking ${chosen.name}.`;
    showReport(report, chosen.name);
  } finally {
    button.disabled = false;
  }
};

const wireDropZone = (): void => {
  const zone = byId('drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const file = e.dataTransfer?.files[0];
    if (file) setChosen(file);
  });
  // A file dropped anywhere else would make the browser open it in place of this page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
};

const start = (): void => {
  // zod would otherwise try `new Function` to speed up parsing, which the page's CSP forbids (and reports).
  config({ jitless: true });
  const missing = missingFeatures();
  if (missing.length > 0) {
    const old = byId('too-old');
    old.hidden = false;
    byId('too-old-list').textContent = `It lacks: ${missing.join('; ')}.`;
    byId<HTMLButtonElement>('check').disabled = true;
    return;
  }
  const input = byId<HTMLInputElement>('bundle');
  input.addEventListener('change', () => setChosen(input.files?.[0] ?? null));
  wireDropZone();
  byId<HTMLFormElement>('check-form').addEventListener('submit', (e) => void check(e));
  byId('print').addEventListener('click', () => window.print());
};

start();
