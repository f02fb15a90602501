// Zod schemas for the Result shape of shared/result.ts, so every IPC reply is parsed, never trusted.
import { z } from 'zod';
import { ERROR_CODES } from '../result';

export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
});

/** `{ ok: true, value } | { ok: false, error: { code, message } }` with `value` checked by the given schema. */
export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
