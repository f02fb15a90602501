// Labelled form fields: every input has a visible label, an optional hint and error, all tied together for assistive
// technology.
import { useId, type ChangeEvent, type ReactNode } from 'react';

interface Base {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  id?: string;
}

const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

const Frame = ({ id, label, hint, error, children }: Base & { id: string; children: ReactNode }) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    {hint && (
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
    )}
    {error && (
      <span className="field-error" id={`${id}-error`}>
        {error}
      </span>
    )}
    {children}
  </div>
);

interface TextProps extends Base {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'url' | 'search' | 'date' | 'datetime-local' | 'number';
  autoComplete?: string;
  className?: string;
  required?: boolean;
}

export const TextField = ({
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  autoComplete = 'off',
  className,
  required,
  ...rest
}: TextProps) => {
  const auto = useId();
  const id = rest.id ?? auto;
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type={type}
        className={className}
        value={value}
        autoComplete={autoComplete}
        spellCheck={type === 'text' ? true : false}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
    </Frame>
  );
};

interface AreaProps extends Base {
  value: string;
  onChange(value: string): void;
  rows?: number;
}

export const TextArea = ({ label, hint, error, value, onChange, rows = 4, ...rest }: AreaProps) => {
  const auto = useId();
  const id = rest.id ?? auto;
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
};

interface SelectProps extends Base {
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; label: string }[];
}

export const SelectField = ({ label, hint, error, value, onChange, options, ...rest }: SelectProps) => {
  const auto = useId();
  const id = rest.id ?? auto;
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
};

interface ChoiceProps {
  legend: ReactNode;
  hint?: ReactNode;
  name: string;
  value: string | null;
  onChange(value: string): void;
  options: readonly { value: string; label: ReactNode }[];
  inline?: boolean;
}

/** Radio buttons in a fieldset: one answer from a few. */
export const Choice = ({ legend, hint, name, value, onChange, options, inline }: ChoiceProps) => {
  const id = useId();
  return (
    <fieldset aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <div className={inline ? 'choices-inline' : undefined}>
        {options.map((o) => (
          <div className="choice" key={o.value}>
            <input
              id={`${id}-${o.value}`}
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
};

interface CheckProps {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  hint?: ReactNode;
}

export const Check = ({ label, checked, onChange, disabled, hint }: CheckProps) => {
  const id = useId();
  return (
    <div className="choice">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </div>
    </div>
  );
};
