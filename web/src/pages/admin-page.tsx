/**
 * Agency administration: the agency's users (add with a one-time password, roles, disable,
 * reset a password or a lost second factor) and the API keys of its industry partners.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

const ROLES = ['viewer', 'analyst', 'admin', 'auditor'] as const;
type Role = (typeof ROLES)[number];

export function AdminPage() {
  const { t } = useI18n();
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  return (
    <main className="page">
      <h1>{t('admin.title')}</h1>
      {secret && (
        <div className="card" role="status">
          <p>{secret.label}</p>
          <code className="secret" data-testid="shown-once">
            {secret.value}
          </code>
          <p className="muted">{t('admin.shownOnce')}</p>
        </div>
      )}
      <Users onSecret={setSecret} />
      <PartnerKeys onSecret={setSecret} />
    </main>
  );
}

type OnSecret = (s: { label: string; value: string }) => void;

function Users({ onSecret }: { onSecret: OnSecret }) {
  const { t } = useI18n();
  const users = useLoad(() => unwrap(api.GET('/api/v1/users')));
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['viewer']);

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
      await users.reload();
    } catch (err) {
      users.setError(messageOf(err));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const created = await unwrap(api.POST('/api/v1/users', { body: { username, displayName, roles } }));
      onSecret({ label: t('admin.oneTimeFor', { user: created.user.username }), value: created.oneTimePassword });
      setUsername('');
      setDisplayName('');
    });
  };

  const id = (userId: number) => ({ params: { path: { id: userId } } });
  return (
    <section className="card">
      <h2>{t('admin.users')}</h2>
      <ErrorLine message={users.error} />
      <table className="results">
        <thead>
          <tr>
            <th>{t('login.username')}</th>
            <th>{t('admin.roles')}</th>
            <th>{t('admin.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.items.map((u) => (
            <tr key={u.id}>
              <td>
                {u.username} <span className="muted">{u.displayName}</span>
              </td>
              <td>{u.roles.join(', ')}</td>
              <td>
                {[
                  u.disabledAt ? t('admin.disabled') : t('admin.active'),
                  u.secondFactor ? t('admin.totpOn') : '',
                  u.passwordPending ? t('admin.passwordPending') : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    void act(async () => {
                      const r = await unwrap(api.POST('/api/v1/users/{id}/password-reset', id(u.id)));
                      onSecret({ label: t('admin.oneTimeFor', { user: u.username }), value: r.oneTimePassword });
                    })
                  }
                >
                  {t('admin.resetPassword')}
                </button>
                {u.secondFactor && (
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void act(async () => void (await unwrap(api.DELETE('/api/v1/users/{id}/totp', id(u.id)))))
                    }
                  >
                    {t('admin.resetTotp')}
                  </button>
                )}
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    void act(
                      async () =>
                        void (await unwrap(
                          api.PATCH('/api/v1/users/{id}', { ...id(u.id), body: { disabled: !u.disabledAt } }),
                        )),
                    )
                  }
                >
                  {u.disabledAt ? t('admin.enable') : t('admin.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} className="inline-form">
        <h3>{t('admin.addUser')}</h3>
        <Field
          label={t('login.username')}
          name="newUsername"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <Field
          label={t('admin.displayName')}
          name="displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
        />
        <fieldset>
          <legend>{t('admin.roles')}</legend>
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
              />
              {t(`role.${role}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('admin.addUser')}</button>
      </form>
    </section>
  );
}

function PartnerKeys({ onSecret }: { onSecret: OnSecret }) {
  const { t } = useI18n();
  const keys = useLoad(() => unwrap(api.GET('/api/v1/partner-keys')));
  const [name, setName] = useState('');
  const act = async (work: () => Promise<void>) => {
    try {
      await work();
      await keys.reload();
    } catch (err) {
      keys.setError(messageOf(err));
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const created = await unwrap(api.POST('/api/v1/partner-keys', { body: { name } }));
      onSecret({ label: t('admin.keyFor', { name }), value: created.token });
      setName('');
    });
  };
  return (
    <section className="card">
      <h2>{t('admin.partnerKeys')}</h2>
      <p className="muted">{t('admin.partnerKeysWhy')}</p>
      <ErrorLine message={keys.error} />
      <ul className="plain">
        {keys.data?.items.map((k) => (
          <li key={k.id}>
            {k.name} · {t('admin.rate', { n: k.ratePerMinute })} ·{' '}
            {k.revokedAt ? t('admin.revoked') : t('admin.active')}
            {!k.revokedAt && (
              <button
                type="button"
                className="link"
                onClick={() =>
                  void act(
                    async () =>
                      void (await unwrap(api.DELETE('/api/v1/partner-keys/{id}', { params: { path: { id: k.id } } }))),
                  )
                }
              >
                {t('admin.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="inline-form">
        <Field
          label={t('admin.keyName')}
          name="keyName"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <button type="submit">{t('admin.createKey')}</button>
      </form>
    </section>
  );
}
