/**
 * Agency administration: the agency's users (admin-users.tsx), the hub's agencies
 * (admin-agencies.tsx) and the API keys of its industry partners. A password or key made here is
 * shown once, at the top.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { AdminAgencies } from './admin-agencies';
import { AdminUsers, type OnSecret } from './admin-users';

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
      <AdminUsers onSecret={setSecret} />
      <AdminAgencies onSecret={setSecret} />
      <PartnerKeys onSecret={setSecret} />
    </main>
  );
}

function PartnerKeys({ onSecret }: { onSecret: OnSecret }) {
  const { t, count, date } = useI18n();
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
            {k.name} · {count('admin.rate', k.ratePerMinute)} · {k.revokedAt ? t('admin.revoked') : t('admin.active')} ·{' '}
            {k.lastUsedAt === null ? t('admin.neverUsed') : t('admin.lastUsed', { date: date(k.lastUsedAt) })}
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
