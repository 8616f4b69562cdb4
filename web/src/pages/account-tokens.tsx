/**
 * The signed-in user's personal tokens for scripts: make one (its secret shown once), see each
 * one made (what it is for, when made and last used, active, expired or revoked; never a secret)
 * and revoke one at once: a token copied somewhere it should not be is stopped from here.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function AccountTokens() {
  const { t, date } = useI18n();
  const tokens = useLoad(() => unwrap(api.GET('/api/v1/auth/tokens')));
  const [tokenName, setTokenName] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Revoking stops every script using the token: the first click asks, the second revokes.
  const [asking, setAsking] = useState<number | null>(null);

  const guard = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      await tokens.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const createToken = (event: FormEvent) => {
    event.preventDefault();
    void guard(async () => {
      setToken((await unwrap(api.POST('/api/v1/auth/tokens', { body: { name: tokenName } }))).token);
      setTokenName('');
    });
  };
  const revoke = (id: number) =>
    void guard(async () => {
      setAsking(null);
      await unwrap(api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } }));
    });

  const items = tokens.data?.items ?? [];
  const now = Date.now();
  return (
    <section className="card">
      <h2>{t('account.tokens')}</h2>
      <p>{t('account.tokensWhy')}</p>
      <ErrorLine message={tokens.error} />
      {tokens.data && items.length === 0 && <p className="muted">{t('account.tokensNone')}</p>}
      {items.length > 0 && (
        <table className="results" data-testid="tokens">
          <thead>
            <tr>
              <th>{t('account.tokenFor')}</th>
              <th>{t('account.tokenCreated')}</th>
              <th>{t('account.tokenLastUsed')}</th>
              <th>{t('account.tokenState')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((k) => {
              const expired = k.expiresAt !== null && k.expiresAt <= now;
              return (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{date(k.createdAt)}</td>
                  <td>{k.lastUsedAt === null ? t('account.tokenNeverUsed') : date(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt !== null
                      ? t('account.tokenRevoked', { date: date(k.revokedAt) })
                      : expired
                        ? t('account.tokenExpired')
                        : t('account.tokenActive')}
                  </td>
                  <td>
                    {k.revokedAt === null && !expired && asking !== k.id && (
                      <button type="button" className="link" onClick={() => setAsking(k.id)}>
                        {t('account.revoke')}
                      </button>
                    )}
                    {k.revokedAt === null && asking === k.id && (
                      <span>
                        {t('account.revokeAsk')}{' '}
                        <button type="button" onClick={() => revoke(k.id)}>
                          {t('account.revokeYes')}
                        </button>{' '}
                        <button type="button" className="secondary" onClick={() => setAsking(null)}>
                          {t('account.revokeKeep')}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form onSubmit={createToken}>
        <Field
          label={t('account.tokenName')}
          name="tokenName"
          value={tokenName}
          onChange={(e) => setTokenName(e.target.value)}
          required
        />
        <button type="submit">{t('account.createToken')}</button>
      </form>
      {token && (
        <>
          <p>{t('account.tokenOnce')}</p>
          <code className="secret">{token}</code>
        </>
      )}
      <ErrorLine message={error} />
    </section>
  );
}
