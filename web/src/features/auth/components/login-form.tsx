// Email + password sign-in. Shows one generic error for bad credentials (no hint which part was
// wrong) and calls onSignedIn once the session cookie is set.
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { TextField } from '@/components/ui/form-field/form-field';
import { signInMessages, signInWithCredentials } from '@/features/auth/api/sign-in';

const formErrorId = 'login-error';

type LoginFormProps = { callbackPath: string; onSignedIn: (callbackPath: string) => void };

export function LoginForm({ callbackPath, onSignedIn }: LoginFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    if (email.trim() === '' || password === '') {
      setError('Enter your email address and password.');
      return;
    }
    setIsSubmitting(true);
    setError(undefined);
    const outcome = await signInWithCredentials({ email: email.trim(), password, callbackPath });
    if (outcome.ok) {
      onSignedIn(callbackPath);
      return;
    }
    setError(signInMessages[outcome.reason]);
    setIsSubmitting(false);
  }

  const describedByError = error ? formErrorId : undefined;
  return (
    <form onSubmit={handleSubmit} noValidate aria-describedby={describedByError} className="space-y-4">
      <TextField
        id="login-email"
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        aria-describedby={describedByError}
        aria-invalid={error ? true : undefined}
      />
      <TextField
        id="login-password"
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-describedby={describedByError}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <Alert tone="error" id={formErrorId}>
          {error}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" disabled={isSubmitting} isLoading={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
