// A labelled form control with an optional hint and error. The error and hint are linked to the
// control through aria-describedby, and the control is marked aria-invalid while an error shows.
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

export const controlClassName =
  'block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base text-gray-900 placeholder:text-gray-500 placeholder:italic ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ' +
  'aria-[invalid=true]:border-red-700 dark:border-gray-500 dark:bg-gray-950 dark:text-gray-100 dark:placeholder:text-gray-400 ' +
  'dark:focus-visible:outline-indigo-300 dark:aria-[invalid=true]:border-red-400';

// The settings pages' plainer inputs and selects, each inside its <label> (whose text stands above it).
export const labelledInputClassName = 'mt-1 block w-full rounded-md border border-gray-400 px-3 py-2 dark:bg-gray-900';

export function errorId(id: string): string {
  return `${id}-error`;
}

export function hintId(id: string): string {
  return `${id}-hint`;
}

export function describedBy(id: string, options: { hint?: boolean; error?: boolean; extra?: string[] }): string | undefined {
  const ids = [...(options.extra ?? [])];
  if (options.hint) ids.push(hintId(id));
  if (options.error) ids.push(errorId(id));
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={errorId(id)} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}

type FieldFrameProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  labelAction?: ReactNode;
};

// Label above, then the control, then hint and error.
export function FieldFrame({ id, label, hint, error, children, labelAction }: FieldFrameProps) {
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-gray-900 dark:text-gray-100">
          {label}
        </label>
        {labelAction}
      </div>
      <div className="mt-1">{children}</div>
      {hint ? (
        <div id={hintId(id)} className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          {hint}
        </div>
      ) : null}
      <FieldError id={id} message={error} />
    </div>
  );
}

// What a field's own control carries: its id and look, aria-invalid while an error shows, and the
// links to the hint and the error. The caller's props come after, so they may replace these.
function controlProps(id: string, hint: ReactNode, error: string | undefined, className: string) {
  return {
    id,
    className: `${controlClassName} ${className}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, { hint: Boolean(hint), error: Boolean(error) }),
  };
}

// What a field adds to its control's own attributes.
type FieldProps = { id: string; label: string; hint?: ReactNode; error?: string | undefined };

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & FieldProps;

export function TextField({ id, label, hint, error, className = '', ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input {...controlProps(id, hint, error, className)} {...input} />
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & FieldProps;

export function TextAreaField({ id, label, hint, error, className = '', ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea {...controlProps(id, hint, error, className)} {...textarea} />
    </FieldFrame>
  );
}
