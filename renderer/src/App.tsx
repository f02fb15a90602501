// The app shell: the product name and the running version, read from the main process over window.countersign.
import { useEffect, useState } from 'react';
import type { ReplyOf } from '@shared/ipc/contract';
import type { AppError } from '@shared/result';
import { countersign } from './api';

type Info = ReplyOf<'app.info'>;
type Load = { state: 'loading' } | { state: 'ready'; info: Info } | { state: 'failed'; error: AppError };

const describe = (error: unknown): AppError => ({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });

export const App = () => {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    const settle = (next: Load): void => {
      if (live) setLoad(next);
    };
    Promise.resolve()
      .then(() => countersign()['app.info']({}))
      .then((r) => settle(r.ok ? { state: 'ready', info: r.value } : { state: 'failed', error: r.error }))
      .catch((e: unknown) => settle({ state: 'failed', error: describe(e) }));
    return () => {
      live = false;
    };
  }, []);

  return (
    <main>
      <h1>Countersign</h1>
      {load.state === 'loading' && <p role="status">Starting…</p>}
      {load.state === 'ready' && (
        <p>
          Version {load.info.version}
          {load.info.practice && <strong> · Practice mode: nothing recorded here is a real incident.</strong>}
        </p>
      )}
      {load.state === 'failed' && (
        <p role="alert">
          Countersign could not start ({load.error.code}): {load.error.message}
        </p>
      )}
    </main>
  );
};
