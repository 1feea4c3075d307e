import { useState } from 'preact/hooks';
import { get, login, setCredential } from '../api.js';

export function Login({ onSignedIn }) {
  const [mode, setMode] = useState('password');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    setError('');
    setBusy(true);
    try {
      if (mode === 'password') {
        await login(user.trim(), password);
      } else {
        setCredential(token.trim());
        await get('/me', undefined, { quiet401: true });
      }
      await onSignedIn();
    } catch (err) {
      if (mode === 'token') setCredential('');
      setError(err.status === 401 ? (mode === 'token' ? 'That token was not accepted.' : err.message) : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="login-brand">
          <svg viewBox="0 0 32 32" width="36" height="36" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#1f5fbf" />
            <path d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff" />
          </svg>
          <div>
            <h1 id="login-title">Sign in to parley</h1>
            <p class="muted">Social customer engagement</p>
          </div>
        </div>
        <div class="seg" role="tablist" aria-label="Sign-in method">
          <button type="button" role="tab" aria-selected={mode === 'password'} class={mode === 'password' ? 'on' : ''} onClick={() => setMode('password')}>
            Password
          </button>
          <button type="button" role="tab" aria-selected={mode === 'token'} class={mode === 'token' ? 'on' : ''} onClick={() => setMode('token')}>
            API token
          </button>
        </div>
        {mode === 'password' ? (
          <>
            <label class="field">
              <span>User</span>
              <input name="user" autocomplete="username" autofocus value={user} onInput={(e) => setUser(e.currentTarget.value)} required />
            </label>
            <label class="field">
              <span>Password</span>
              <input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
            </label>
          </>
        ) : (
          <label class="field">
            <span>API token</span>
            <input name="token" placeholder="pk_…" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} required />
            <small class="muted">Create one with <code>parley token create USER</code>.</small>
          </label>
        )}
        {error && (
          <div class="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <button class="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
