// The form behind an invite or password-reset link: pick a password (and, for an invite, a name),
// then sign in with it the way first-run setup does.
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { TextField } from '@/components/ui/form-field/form-field';
import { NewPasswordFields } from '@/features/auth/components/new-password-fields';
import { useSetPasswordThenSignIn } from '@/features/auth/hooks/use-set-password-then-sign-in';
import { checkNewPasswordFields } from '@/features/auth/utils/credentials-validation';
import { acceptLink, type LinkDescription } from '@/features/team/api/users';

type Field = 'name' | 'password' | 'confirmation';

type AcceptLinkFormProps = { token: string; link: LinkDescription; signedInPath: string; onSignedIn: (path: string) => void };

export function AcceptLinkForm({ token, link, signedInPath, onSignedIn }: AcceptLinkFormProps) {
  const isInvite = link.kind === 'invite';
  const { values, update, fieldErrors, formError, isSubmitting, handleSubmit } = useSetPasswordThenSignIn<Field>({
    initialValues: { name: '', password: '', confirmation: '' },
    idPrefix: 'link',
    validate: checkNewPasswordFields,
    save: async ({ name, password }) => {
      await acceptLink(token, { name: name.trim(), password });
      return link.email;
    },
    serverFields: ['password', 'name'],
    notSavedMessage: 'The password could not be set.',
    savedMessage: 'The password was set',
    signedInPath,
    onSignedIn,
  });

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
