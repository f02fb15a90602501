// The form's rows and sections for the procedure's later parts: sites and devices as rows of the SWGfL table, who was
// told on any route, the sanctions row, who reported it, and the follow-ups, all as text.
import { describe, expect, it } from 'vitest';
import { incidentFormHtml } from '@shared/outputs/form';
import { escapeHtml } from '@shared/outputs/html';
import { buildRecord } from '@shared/outputs/record';
import { nodeCrypto } from '@main/services/crypto';
import {
  DEBRIEF,
  DEVICE,
  DEVICE_CONCERN,
  followedUpIncident,
  LADO_REFERENCE,
  POLICE_REFERENCE,
  POLICE_RESPONSE,
  REPORTED_BY,
  SANCTION_ROW,
  SITE_CONCERN,
  SITE_URL,
  triageIllegalIncident,
} from '@test/helpers/recorded-incidents';

/** The rows of the "Web site(s) address / device" table, as text. */
const siteTableRows = (html: string): string[] => {
  const table = /<table class="sites">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' '));
};

/** A section of the form, by its heading, as text. */
const sectionText = (html: string, heading: string): string => {
  const at = html.indexOf(`<h2>${heading}</h2>`);
  if (at < 0) return '';
  return html.slice(at, html.indexOf('</section>', at)).replace(/<[^>]+>/g, ' ');
};

describe('the form of an incident with sites, people told and follow-ups', async () => {
  const record = buildRecord((await followedUpIncident()).entries, { crypto: nodeCrypto });
  const html = incidentFormHtml(record);

  it('prints who reported the incident, and the sanctions row chosen', () => {
    expect(html).toContain('Incident reported by');
    expect(html).toContain(escapeHtml(REPORTED_BY));
    expect(html).toContain('Kind of incident (the policy’s sanctions table)');
    expect(html).toContain(escapeHtml(SANCTION_ROW));
  });

  it('prints the site and the device as rows of the "Web site(s) address / device" table', () => {
    const rows = siteTableRows(html).slice(1);
    expect(rows.length).toBe(2);
    expect(rows[0]).toContain('Site');
    expect(rows[0]).toContain(SITE_URL);
    expect(rows[0]).toContain(escapeHtml(SITE_CONCERN));
    expect(rows[0]).toContain('not opened or captured');
    expect(rows[1]).toContain('Device');
    expect(rows[1]).toContain(escapeHtml(DEVICE));
    expect(rows[1]).toContain(escapeHtml(DEVICE_CONCERN));
  });

  it('prints everyone told, with how, when and their reference, the police marked as the referral', () => {
    const told = sectionText(html, 'Who was told');
    expect(told).toContain('LADO');
    expect(told).toContain('By phone');
    expect(told).toContain(LADO_REFERENCE);
    expect(told).toContain(POLICE_REFERENCE);
    expect(told.match(/Police referral/g)?.length).toBe(1);
    expect(told).not.toContain('have not been recorded as told');
  });

  it('prints each follow-up with its kind, who signed it, and the new judgement', () => {
    const follow = sectionText(html, 'After sign-off: follow-up');
    for (const words of [
      'Police response',
      escapeHtml(POLICE_RESPONSE),
      'Returned to internal procedures',
      'New judgement:',
      'Internal response or discipline procedures',
      'Sanctions: Warning.',
      'Debrief on the incident',
      escapeHtml(DEBRIEF),
      'Signed by A. Head',
      'Signed by D. Lead',
    ])
      expect(follow, words).toContain(words);
  });
});

describe('the form of a police-route incident from before rules 2', async () => {
  const record = buildRecord((await triageIllegalIncident()).entries);
  const html = incidentFormHtml(record);

  it('prints its older referral under "Who was told" as the police referral, and no follow-up section', () => {
    const told = sectionText(html, 'Who was told');
    expect(told).toContain('Police (999)');
    expect(told).toContain('Police referral');
    expect(html).not.toContain('After sign-off: follow-up');
    expect(html).toContain('Not recorded');
  });
});
