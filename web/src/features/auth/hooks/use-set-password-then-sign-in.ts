// "Set a password, then sign in": the sequence behind the first-run form and the invite/reset-link
// form. Checks the fields (focusing the first wrong one), saves, shows a refusal at the field the
// server names, then signs in with the new password and hands over the signed-in path.
import { useState, type FormEvent } from 'react';
import { signInMessages, signInWithCredentials } from '@/features/auth/api/sign-in';
import { ApiError } from '@/lib/api-client';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
// The form's texts by field; one of them is the new password.
type Values<F extends string> = Record<F | 'password', string>;

type Options<F extends string> = {
  initialValues: Values<F>;
  // The inputs' ids are `${idPrefix}-${field}`: the first wrong one gets the focus.
  idPrefix: string;
  validate: (values: Values<F>) => FieldErrors<F>;
  // Saves the password (and whatever else the form holds); resolves with the e-mail address to sign in with.
  save: (values: Values<F>) => Promise<string>;
  // The fields a refusal (ApiError.field) may name; the refusal is shown there.
  serverFields: readonly F[];
  // A refusal the form explains itself, asked first: a sentence to show, `null` when it dealt with it
  // otherwise, `undefined` for the usual handling.
  explainRefusal?: (error: unknown) => Promise<string | null | undefined> | string | null | undefined;
  // "The account could not be created." — shown for a failure that is not an Error.
  notSavedMessage: string;
  // "The account was created" — the start of the sentence when signing in fails afterwards.
  savedMessage: string;
  signedInPath: string;
  onSignedIn: (path: string) => void;
};

export function useSetPasswordThenSignIn<F extends string>(options: Options<F>) {
  const [values, setValues] = useState<Values<F>>(options.initialValues);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const update = (field: F) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const errors = options.validate(values);
    setFieldErrors(errors);
    setFormError(undefined);
    if (Object.keys(errors).length > 0) {
      document.getElementById(`${options.idPrefix}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    setIsSubmitting(true);
    let email: string;
    try {
      email = await options.save(values);
    } catch (error) {
      setIsSubmitting(false);
      const explained = await options.explainRefusal?.(error);
      if (explained === null) return;
      if (explained !== undefined) {
        setFormError(explained);
        return;
      }
      if (error instanceof ApiError && (options.serverFields as readonly string[]).includes(error.field ?? '')) {
        setFieldErrors({ [error.field as F]: error.message } as FieldErrors<F>);
        return;
      }
      setFormError(error instanceof Error ? error.message : options.notSavedMessage);
      return;
    }
    const outcome = await signInWithCredentials({ email, password: values.password, callbackPath: options.signedInPath });
    if (outcome.ok) {
      options.onSignedIn(options.signedInPath);
      return;
    }
    setIsSubmitting(false);
    setFormError(`${options.savedMessage}, but signing in failed: ${signInMessages[outcome.reason]}`);
  }

  return { values, update, fieldErrors, formError, isSubmitting, handleSubmit };
}
