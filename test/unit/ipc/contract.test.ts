// The IPC contract: every channel has request and reply schemas, and the Result schema matches shared/result.ts.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, contract, isChannel } from '@shared/ipc/contract';
import { resultSchema } from '@shared/ipc/result';
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
    for (const code of ERROR_CODES) expect(schema.safeParse({ ok: false, error: { code, message: 'm' } }).success).toBe(true);
  });

  it('refuses an ok Result with a bad value, an unknown code, or neither shape', () => {
    expect(schema.safeParse({ ok: true, value: { n: 'one' } }).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: 'OOPS', message: 'm' } }).success).toBe(false);
    expect(schema.safeParse({ value: { n: 1 } }).success).toBe(false);
  });
});
