// The form behind an invite or password-reset link: pick a password (and, for an invite, a name),
// then sign in with it the way first-run setup does.
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { TextField } from '@/components/ui/form-field/form-field';
import { signInMessages, signInWithCredentials } from '@/features/auth/api/sign-in';
import { NewPasswordFields } from '@/features/auth/components/new-password-fields';
import { checkNewPassword, checkPasswordConfirmation } from '@/features/auth/utils/credentials-validation';
import { acceptLink, type LinkDescription } from '@/features/team/api/users';
import { ApiError } from '@/lib/api-client';

type Field = 'name' | 'password' | 'confirmation';
type FieldErrors = Partial<Record<Field, string>>;

type AcceptLinkFormProps = { token: string; link: LinkDescription; signedInPath: string; onSignedIn: (path: string) => void };

export function AcceptLinkForm({ token, link, signedInPath, onSignedIn }: AcceptLinkFormProps) {
  const [values, setValues] = useState<Record<Field, string>>({ name: '', password: '', confirmation: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const isInvite = link.kind === 'invite';

  const update = (field: Field) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const errors: FieldErrors = {};
    const passwordError = checkNewPassword(values.password);
    if (passwordError) errors.password = passwordError;
    const confirmationError = checkPasswordConfirmation(values.password, values.confirmation);
    if (confirmationError) errors.confirmation = confirmationError;
    setFieldErrors(errors);
    setFormError(undefined);
    if (Object.keys(errors).length > 0) {
      document.getElementById(`link-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    setIsSubmitting(true);
    try {
      await acceptLink(token, { name: values.name.trim(), password: values.password });
    } catch (error) {
      setIsSubmitting(false);
      if (error instanceof ApiError && (error.field === 'password' || error.field === 'name')) {
        setFieldErrors({ [error.field]: error.message });
        return;
      }
      setFormError(error instanceof Error ? error.message : 'The password could not be set.');
      return;
    }
    const outcome = await signInWithCredentials({ email: link.email, password: values.password, callbackPath: signedInPath });
    if (outcome.ok) {
      onSignedIn(signedInPath);
      return;
    }
    setIsSubmitting(false);
    setFormError(`The password was set, but signing in failed: ${signInMessages[outcome.reason]}`);
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-4">
      <TextField id="link-email" label="Email" type="email" autoComplete="username" value={link.email} readOnly />
      {isInvite ? <TextField id="link-name" label="Name" autoComplete="name" value={values.name} onChange={update('name')} error={fieldErrors.name} /> : null}
      <NewPasswordFields
        idPrefix="link"
        label={isInvite ? 'Password' : 'New password'}
        password={values.password}
        confirmation={values.confirmation}
        onPassword={update('password')}
        onConfirmation={update('confirmation')}
        errors={fieldErrors}
      />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Button type="submit" className="w-full" disabled={isSubmitting} isLoading={isSubmitting}>
        {isSubmitting ? 'Saving…' : isInvite ? 'Create account' : 'Set password'}
      </Button>
    </form>
  );
}
