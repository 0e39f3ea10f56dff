import type { InputHTMLAttributes } from 'react';
import type { FieldProblem } from '../../../main/contract/account';

type Field = FieldProblem['field'];

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  field: Field;
  value: string;
  onValue: (value: string) => void;
  /** The user has been to the field: its problems may show. */
  onTouch: (field: Field) => void;
  problems: FieldProblem[];
}

/** One field of the action form, with Flowent's problems about it right below. */
export function ActionFormField({ label, field, value, onValue, onTouch, problems, ...input }: Props) {
  return (
    <div className="field">
      <label>
        <span className="field-label">{label}</span>
        <input
          {...input}
          value={value}
          onChange={(e) => {
            onValue(e.target.value);
            onTouch(field);
          }}
          onBlur={() => onTouch(field)}
        />
      </label>
      <FieldProblems field={field} problems={problems} />
    </div>
  );
}

export function FieldProblems({ field, problems }: { field: Field; problems: FieldProblem[] }) {
  const mine = problems.filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <span className="field-problems" role="alert" aria-label={`${field} problems`}>
      {mine.map((p) => (
        <span key={p.message} className="form-error">
          {p.message}
        </span>
      ))}
    </span>
  );
}
