// First-run form: creates the first account, then signs in with it.
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { TextField } from '@/components/ui/form-field/form-field';
import { createFirstUser } from '@/features/auth/api/create-first-user';
import { NewPasswordFields } from '@/features/auth/components/new-password-fields';
import { getServerStatus } from '@/features/auth/api/get-server-status';
import { useSetPasswordThenSignIn, type FieldErrors } from '@/features/auth/hooks/use-set-password-then-sign-in';
import { checkEmail, checkNewPasswordFields } from '@/features/auth/utils/credentials-validation';
import { ApiError } from '@/lib/api-client';

type Field = 'name' | 'email' | 'password' | 'confirmation';

// Shown when the page was opened without the server's setup link, or with a stale one.
export const setupLinkMessage =
  'This page needs the setup link the server printed when it started (it ends in /setup?token=…). Open the setup link printed by the server, or create the first account with `mmsgate user add`.';
export const invalidSetupLinkMessage = 'This setup link is not valid. Open the setup link printed by the server and try again.';

type SetupFormProps = {
  // The one-time token from the setup link (?token=…).
  setupToken: string;
  signedInPath: string;
  onSignedIn: (path: string) => void;
  // Someone else finished setup first: the page should send the user to sign in.
  onAlreadySetUp: () => void;
};

function validate(values: Record<Field, string>): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (values.name.trim() === '') errors.name = 'Enter your name.';
  const emailError = checkEmail(values.email);
  if (emailError) errors.email = emailError;
  return { ...errors, ...checkNewPasswordFields(values) };
}

export function SetupForm({ setupToken, signedInPath, onSignedIn, onAlreadySetUp }: SetupFormProps) {
  const { values, update, fieldErrors, formError, isSubmitting, handleSubmit } = useSetPasswordThenSignIn<Field>({
    initialValues: { name: '', email: '', password: '', confirmation: '' },
    idPrefix: 'setup',
    validate,
    save: async ({ name, email, password }) => {
      await createFirstUser({ name: name.trim(), email: email.trim(), password, token: setupToken });
      await getServerStatus({ refresh: true }).catch(() => undefined);
      return email.trim();
    },
    serverFields: ['email', 'password'],
    explainRefusal: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        await getServerStatus({ refresh: true }).catch(() => undefined);
        onAlreadySetUp();
        return null;
      }
      if (error instanceof ApiError && error.status === 403 && error.field === 'token') return invalidSetupLinkMessage;
      return undefined;
    },
    notSavedMessage: 'The account could not be created.',
    savedMessage: 'The account was created',
    signedInPath,
    onSignedIn,
  });

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-4">
      <TextField id="setup-name" label="Name" autoComplete="name" value={values.name} onChange={update('name')} error={fieldErrors.name} required />
      <TextField
        id="setup-email"
        label="Email"
        type="email"
        autoComplete="username"
        value={values.email}
        onChange={update('email')}
        error={fieldErrors.email}
        required
      />
      <NewPasswordFields
        idPrefix="setup"
        password={values.password}
        confirmation={values.confirmation}
        onPassword={update('password')}
        onConfirmation={update('confirmation')}
        errors={fieldErrors}
      />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Button type="submit" className="w-full" disabled={isSubmitting} isLoading={isSubmitting}>
        {isSubmitting ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
