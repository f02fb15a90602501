// The IPC contract: every channel has request and reply schemas, and the Result schema matches shared/result.ts.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActCommandSchema, CHANNELS, contract, IncidentSummarySchema, isChannel } from '@shared/ipc/contract';
import { resultSchema } from '@shared/ipc/result-schema';
import { ERROR_CODES } from '@shared/result';

describe('contract', () => {
  it('declares at least the app.info and procedure.offered channels', () => {
    expect(CHANNELS).toEqual(expect.arrayContaining(['app.info', 'procedure.offered']));
  });

  it.each(CHANNELS)('%s has a zod request schema (a strict object) and a zod reply schema', (channel) => {
    const { request, reply } = contract[channel];
    expect(request).toBeInstanceOf(z.ZodObject);
    expect(reply).toBeInstanceOf(z.ZodType);
    expect(request.safeParse({ unexpected: true }).success).toBe(false);
  });

  it.each(CHANNELS)('%s is named area.action in lower case', (channel) => {
    expect(channel).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
  });

  it('knows its own channels and nothing inherited', () => {
    expect(isChannel('app.info')).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('app.quit')).toBe(false);
  });

  it('takes incident references in the journal format only', () => {
    const { request } = contract['procedure.offered'];
    expect(request.safeParse({ ref: 'INC-2024-0007' }).success).toBe(true);
    expect(request.safeParse({ ref: 'inc-1' }).success).toBe(false);
    expect(request.safeParse({ ref: '../../etc' }).success).toBe(false);
  });
});

describe('resultSchema', () => {
  const schema = resultSchema(z.object({ n: z.number() }));

  it('accepts an ok Result with a valid value and a failure with a known code', () => {
    expect(schema.safeParse({ ok: true, value: { n: 1 } }).success).toBe(true);
    for (const code of ERROR_CODES)
      expect(schema.safeParse({ ok: false, error: { code, message: 'm' } }).success).toBe(true);
  });

  it('refuses an ok Result with a bad value, an unknown code, or neither shape', () => {
    expect(schema.safeParse({ ok: true, value: { n: 'one' } }).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: 'OOPS', message: 'm' } }).success).toBe(false);
    expect(schema.safeParse({ value: { n: 1 } }).success).toBe(false);
  });
});

describe('the app channels', () => {
  it('give the register only non-personal fields (reference, dates, stage, category, flags)', () => {
    expect(Object.keys(IncidentSummarySchema.shape).sort()).toEqual(
      [
        'category',
        'halted',
        'openedAt',
        'phase',
        'police',
        'practice',
        'problem',
        'ref',
        'signedOffAt',
        'subjectKind',
        'updatedAt',
      ].sort(),
    );
  });

  it('carry through incident.act only the steps a screen records, never capture, halt, purge or what is signed', () => {
    const kinds = ActCommandSchema.options.map((o) => o.shape.kind.value);
    expect(kinds.sort()).toEqual(
      [
        'capture.described',
        'clock.confirmed',
        'conclusion.recorded',
        'isolation.recorded',
        'judgement.made',
        'note.added',
        'referral.recorded',
        'site.recorded',
        'told.recorded',
        'triage.answered',
      ].sort(),
    );
    for (const kind of [
      'capture.taken',
      'review.halted',
      'capture.purged',
      'halt.purge-decided',
      'signoff.signed',
      'addendum.added',
      'followup.added',
      'export.made',
    ]) {
      expect(ActCommandSchema.safeParse({ kind, data: {} }).success).toBe(false);
    }
  });

  it('take evidence-view bounds as whole, non-negative pixels, or null to hide the view', () => {
    const { request } = contract['review.view-bounds'];
    expect(request.safeParse({ bounds: { x: 0, y: 120, width: 800, height: 400 } }).success).toBe(true);
    expect(request.safeParse({ bounds: null }).success).toBe(true);
    expect(request.safeParse({ bounds: { x: -1, y: 0, width: 1, height: 1 } }).success).toBe(false);
    expect(request.safeParse({ bounds: { x: 0.5, y: 0, width: 1, height: 1 } }).success).toBe(false);
  });

  it('name drafts by incident and step, in characters safe everywhere', () => {
    const { request } = contract['drafts.get'];
    expect(request.safeParse({ key: 'CS-20261124-7052C8:judgement' }).success).toBe(true);
    expect(request.safeParse({ key: '../keys/staff' }).success).toBe(false);
    expect(request.safeParse({ key: 'a b' }).success).toBe(false);
  });
});
