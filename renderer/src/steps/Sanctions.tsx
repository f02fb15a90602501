// The school's "Actions / Sanctions" table at the judgement: the reviewers choose the closest kind of incident, and
// Countersign ticks what the policy suggests for it (they may change the ticks).
import type { IncidentDetail } from '@shared/ipc/contract';
import { policeColumns, sanctionsTable } from '@shared/policy/policy-words';
import { suggestSanctions, type PolicyProfile } from '@shared/policy/profile-registry';
import { Check, SelectField } from '../components/Fields';

export interface SanctionChoice {
  row: string;
  sanctions: string[];
}

interface Props {
  profile: PolicyProfile;
  subject: IncidentDetail['record']['subject']['kind'];
  value: SanctionChoice;
  onChange(next: SanctionChoice): void;
}

export const SanctionsPicker = ({ profile, subject, value, onChange }: Props) => {
  const matrix = sanctionsTable(profile, subject);
  if (subject === 'other' || matrix === null) return null;
  const suggested = value.row ? suggestSanctions(profile, subject, value.row) : [];
  const police = policeColumns(matrix);
  const toggle = (c: string, on: boolean): string[] =>
    on ? [...new Set([...value.sanctions, c])] : value.sanctions.filter((x) => x !== c);
  return (
    <>
      <h2>Sanctions from your policy</h2>
      <SelectField
        label={`Which kind of incident in your ${subject} sanctions table is closest?`}
        hint="Countersign then ticks what your policy suggests. Change the ticks if you decide otherwise."
        value={value.row}
        onChange={(row) => onChange({ row, sanctions: row ? suggestSanctions(profile, subject, row) : [] })}
        options={[
          { value: '', label: 'Choose one' },
          ...matrix.rows.map((r) => ({ value: r.incident, label: r.group ? `${r.group}: ${r.incident}` : r.incident })),
        ]}
      />
      {value.row && (
        <fieldset>
          <legend>Sanctions and actions</legend>
          {suggested.length === 0 && (
            <p className="hint">Your policy does not tick anything for this kind of incident: choose what fits.</p>
          )}
          {matrix.columns.map((c) => (
            <Check
              key={c}
              label={c}
              hint={
                [
                  suggested.includes(c) ? 'Suggested by your policy.' : '',
                  police.includes(c) ? 'Ticking this involves the police: their steps follow.' : '',
                ]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              checked={value.sanctions.includes(c)}
              onChange={(on) => onChange({ row: value.row, sanctions: toggle(c, on) })}
            />
          ))}
        </fieldset>
      )}
    </>
  );
};
