// Handler for "app.info": the facts about this running app the window shows (version, practice mode, platform).
import { ok } from '@shared/result';
import type { Handler } from '../register';

export interface AppFacts {
  readonly version: string;
  readonly practice: boolean;
  readonly platform: string;
}

export const appInfo =
  (facts: AppFacts): Handler<'app.info'> =>
  () =>
    ok({ version: facts.version, practice: facts.practice, platform: facts.platform });
