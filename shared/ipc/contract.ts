// Every IPC channel between the app window and the main process, declared once with zod schemas for its request and reply.
import { z } from 'zod';
import { ENTRY_DATA, ENTRY_KINDS } from '../evidence/entries';
import { PHASES } from '../procedure/machine';

export interface ChannelSchemas {
  readonly request: z.ZodType;
  readonly reply: z.ZodType;
}

/** An incident reference, exactly as the journal's "incident.opened" entry accepts it. */
const IncidentRef = ENTRY_DATA['incident.opened'].shape.ref;

/** Requests are strict objects: a key the contract does not name is refused, not ignored. */
export const contract = {
  'app.info': {
    request: z.strictObject({}),
    reply: z.object({
      version: z.string().min(1),
      /** True in practice (training) mode, where nothing is a real incident. */
      practice: z.boolean(),
      /** Node's platform name (win32, darwin, linux), e.g. for keyboard shortcut labels. */
      platform: z.string().min(1),
    }),
  },
  'procedure.offered': {
    request: z.strictObject({ ref: IncidentRef }),
    reply: z.object({
      ref: IncidentRef,
      phase: z.enum(PHASES),
      /** The journal entry kinds the procedure allows now; the UI offers only these. */
      kinds: z.array(z.enum(ENTRY_KINDS)),
    }),
  },
} as const satisfies Record<string, ChannelSchemas>;

export type Contract = typeof contract;
export type Channel = keyof Contract;

export const CHANNELS = Object.keys(contract) as Channel[];

export const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

/** What a caller sends on a channel. */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** What a handler receives once the request has been parsed. */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
/** What a handler may return before its reply is parsed. */
export type ReplyInputOf<C extends Channel> = z.input<Contract[C]['reply']>;
/** What a caller receives in an ok reply. */
export type ReplyOf<C extends Channel> = z.output<Contract[C]['reply']>;
