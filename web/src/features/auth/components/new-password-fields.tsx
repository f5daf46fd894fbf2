// "Password" and "Confirm password" for a new password (first-run setup, invite and reset links).
import { TextField } from '@/components/ui/form-field/form-field';
import { minimumPasswordLength } from '@/features/auth/utils/credentials-validation';

type NewPasswordFieldsProps = {
  idPrefix: string;
  label?: string;
  password: string;
  confirmation: string;
  onPassword: (event: { target: { value: string } }) => void;
  onConfirmation: (event: { target: { value: string } }) => void;
  errors: { password?: string | undefined; confirmation?: string | undefined };
};

export function NewPasswordFields({ idPrefix, label = 'Password', password, confirmation, onPassword, onConfirmation, errors }: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        id={`${idPrefix}-password`}
        label={label}
        type="password"
        autoComplete="new-password"
        hint={`At least ${minimumPasswordLength} characters.`}
        value={password}
        onChange={onPassword}
        error={errors.password}
        required
      />
      <TextField
        id={`${idPrefix}-confirmation`}
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={onConfirmation}
        error={errors.confirmation}
        required
      />
    </>
  );
}
