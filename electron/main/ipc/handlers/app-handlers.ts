// Handlers for "app.*": the facts about this running app (version, practice mode, platform, printing) and its status.
import type { AppCore } from '../../app/app-core';
import type { Handler } from '../register-handlers';

export interface AppFacts {
  readonly version: string;
  readonly platform: string;
  readonly canPrint: boolean;
  readonly defaultFolder: string;
  readonly canChooseFiles: boolean;
  /** Read at each call: practice mode can be switched on and off from the home screen. */
  readonly practice: () => boolean;
}

export const appInfo =
  (facts: AppFacts): Handler<'app.info'> =>
  () => ({
    version: facts.version,
    practice: facts.practice(),
    platform: facts.platform,
    canPrint: facts.canPrint,
    defaultFolder: facts.defaultFolder,
    canChooseFiles: facts.canChooseFiles,
  });

export const appStatus =
  (core: AppCore): Handler<'app.status'> =>
  () =>
    core.status();

export const appPractice =
  (core: AppCore): Handler<'app.practice'> =>
  ({ on }) =>
    core.setPractice(on);

export const appActivity =
  (core: AppCore): Handler<'app.activity'> =>
  ({ input }) =>
    core.activity(input);
