/**
 * The hub's agencies: the directory (name, country, since when, which one operates the hub) and,
 * for admins of the operating agency (the only ones the API lets add agencies), a form to add an
 * agency with its first admin, whose one-time password is shown once.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import type { OnSecret } from './admin-users';

export function AdminAgencies({ onSecret }: { onSecret: OnSecret }) {
  const { t, language } = useI18n();
  const own = useSession().info?.user.agencyId;
  const agencies = useLoad(() => unwrap(api.GET('/api/v1/agencies')));
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const since = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const operates = agencies.data?.items.some((a) => a.id === own && a.operator) ?? false;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await unwrap(
        api.POST('/api/v1/agencies', {
          body: { name, countryCode: country.trim().toUpperCase(), admin: { username, displayName } },
        }),
      );
      onSecret({
        label: t('agencies.adminPassword', { user: created.admin.username, agency: created.agency.name }),
        value: created.oneTimePassword,
      });
      setName('');
      setCountry('');
      setUsername('');
      setDisplayName('');
      await agencies.reload();
    } catch (err) {
      agencies.setError(messageOf(err));
    }
  };

  return (
    <section className="card">
      <h2>{t('agencies.title')}</h2>
      <ErrorLine message={agencies.error} />
      <table className="results" data-testid="agencies">
        <thead>
          <tr>
            <th>{t('agencies.name')}</th>
            <th>{t('agencies.country')}</th>
            <th>{t('agencies.since')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {agencies.data?.items.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>{a.countryCode}</td>
              <td>{since.format(a.createdAt)}</td>
              <td className="muted">
                {[a.operator ? t('agencies.operator') : '', a.id === own ? t('agencies.yours') : '']
                  .filter(Boolean)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {operates ? (
        <>
          <h3>{t('agencies.add')}</h3>
          <form onSubmit={add} className="inline-form">
            <Field
              label={t('agencies.name')}
              name="agencyName"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
            <Field
              label={t('agencies.countryCode')}
              name="countryCode"
              value={country}
              onChange={(e) => setCountry(e.target.value)}
              pattern="[A-Za-z]{2}"
              maxLength={2}
              required
            />
            <Field
              label={t('agencies.adminUsername')}
              name="adminUsername"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
            <Field
              label={t('agencies.adminName')}
              name="adminName"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              required
            />
            <button type="submit">{t('agencies.add')}</button>
          </form>
        </>
      ) : (
        <p className="muted">{t('agencies.operatorOnly')}</p>
      )}
    </section>
  );
}
