import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';

export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, lang, setLang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/login', { username, password });
      setPassword('');
      onSignedIn();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('loginFailed') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit} className="login-form" aria-label={t('signIn')}>
        <h1>
          {t('appName')} <span className="brand-alt">{lang === 'ar' ? 'Rasd' : 'رصد'}</span>
        </h1>
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== undefined && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
        <button type="button" className="link" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}>
          {t('language')}
        </button>
      </form>
    </main>
  );
}
