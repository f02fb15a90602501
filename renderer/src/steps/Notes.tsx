// Notes the reviewers make as they go: recorded in the journal with the time and who wrote them.
import type { IncidentDetail } from '@shared/ipc/contract';
import { ErrorBox } from '../components/ErrorBox';
import { TextArea } from '../components/Fields';
import { time } from '../components/format';
import { useDraft } from '../hooks/useDraft';
import { useStep } from './useStep';

export const Notes = ({ detail }: { detail: IncidentDetail }) => {
  const { act, busy, error } = useStep(detail);
  const draft = useDraft(`${detail.ref}:note`, { text: '' });
  const { notes } = detail.record;
  const add = async () => {
    if (await act({ kind: 'note.added', data: { text: String(draft.value.text) } })) {
      draft.update({ text: '' });
      await draft.clear();
    }
  };
  return (
    <>
      {notes.length > 0 && (
        <ul className="small">
          {notes.map((n) => (
            <li key={n.seq}>
              {time(n.at)}, {n.by.name}: {n.text}
            </li>
          ))}
        </ul>
      )}
      {detail.offered.includes('note.added') && (
        <>
          <ErrorBox error={error} title="The note was not saved" />
          <TextArea
            label="Add a note"
            value={String(draft.value.text)}
            onChange={(text) => draft.update({ text })}
            rows={2}
          />
          <button type="button" onClick={() => void add()} disabled={busy || !String(draft.value.text).trim()}>
            Save the note
          </button>
        </>
      )}
    </>
  );
};
