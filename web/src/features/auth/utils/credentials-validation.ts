// Client-side checks for the login and setup forms; the server checks again.

export const minimumPasswordLength = 8;

// Deliberately loose: one "@" with text on both sides and a dot in the domain. The server decides.
export function checkEmail(email: string): string | undefined {
  const trimmed = email.trim();
  if (trimmed === '') return 'Enter your email address.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return 'Enter an email address like name@example.com.';
  return undefined;
}

export function checkNewPassword(password: string): string | undefined {
  if (password.length < minimumPasswordLength) return `Use at least ${minimumPasswordLength} characters.`;
  return undefined;
}

export function checkPasswordConfirmation(password: string, confirmation: string): string | undefined {
  if (confirmation === '') return 'Enter the password again.';
  return password === confirmation ? undefined : 'The passwords do not match.';
}

// A new password and its confirmation, as the forms that set one check them: only the fields in error are present.
export function checkNewPasswordFields(values: { password: string; confirmation: string }): { password?: string; confirmation?: string } {
  const errors: { password?: string; confirmation?: string } = {};
  const passwordError = checkNewPassword(values.password);
  if (passwordError) errors.password = passwordError;
  const confirmationError = checkPasswordConfirmation(values.password, values.confirmation);
  if (confirmationError) errors.confirmation = confirmationError;
  return errors;
}
