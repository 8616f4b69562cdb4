/**
 * The agency's users: add one with a one-time password and roles, change a user's roles, disable
 * or enable, reset a password or a lost second factor. The server decides what an admin may do
 * (e.g. that an agency keeps an admin) and says so; its message is shown as it comes.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { codeText } from '../i18n/code-text';
import { type Translate, useI18n } from '../i18n/i18n';

export const ROLES = ['viewer', 'analyst', 'admin', 'auditor'] as const;
type Role = (typeof ROLES)[number];

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** A role in the app's language (a role this app does not know stays as its code). */
export function roleName(t: Translate, role: string): string {
  return codeText(t, 'role', role);
}

export type OnSecret = (s: { label: string; value: string }) => void;

export function AdminUsers({ onSecret }: { onSecret: OnSecret }) {
  const { t } = useI18n();
  const users = useLoad(() => unwrap(api.GET('/api/v1/users')));
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['viewer']);
  const [editing, setEditing] = useState<number | null>(null);
  // The row whose roles form just closed: its Change roles button, drawn again, takes the keyboard focus back.
  const [closed, setClosed] = useState<number | null>(null);
  const close = (userId: number) => {
    setEditing(null);
    setClosed(userId);
  };
  const roleNames = (list: readonly string[]) => list.map((r) => roleName(t, r)).join(', ');

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
      setRoles(['viewer']);
    });
  };

  const id = (userId: number) => ({ params: { path: { id: userId } } });
  return (
    <section className="card">
      <h2>{t('admin.users')}</h2>
      <ErrorLine message={users.error} />
      <table className="results" data-testid="users">
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
              <td data-testid="user-roles">
                {editing === u.id ? (
                  <RolesForm
                    initial={u.roles}
                    onCancel={() => close(u.id)}
                    onSave={(next) =>
                      act(async () => {
                        await unwrap(api.PATCH('/api/v1/users/{id}', { ...id(u.id), body: { roles: next } }));
                        close(u.id);
                      })
                    }
                  />
                ) : (
                  <>
                    {roleNames(u.roles)}{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => setEditing(u.id)}
                      // biome-ignore lint/a11y/noAutofocus: drawn again as the roles form closes, it takes back the focus the form had
                      autoFocus={closed === u.id}
                    >
                      {t('admin.changeRoles')}
                    </button>
                  </>
                )}
              </td>
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
      <h3>{t('admin.addUser')}</h3>
      <form onSubmit={add} className="inline-form">
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
        <RoleChecks chosen={roles} onChange={setRoles} />
        <button type="submit">{t('admin.addUser')}</button>
      </form>
    </section>
  );
}

/** One checkbox per role; `autoFocus`: the first takes the keyboard focus as it is drawn. */
function RoleChecks(props: { chosen: readonly Role[]; onChange(roles: Role[]): void; autoFocus?: boolean }) {
  const { chosen, onChange } = props;
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('admin.roles')}</legend>
      {ROLES.map((role, i) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            // biome-ignore lint/a11y/noAutofocus: the roles form replaces the button that had the focus
            autoFocus={props.autoFocus && i === 0}
            checked={chosen.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, role] : chosen.filter((r) => r !== role))}
          />
          {t(`role.${role}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** A user's roles, changed in place. */
function RolesForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: readonly string[];
  onSave(roles: Role[]): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<Role[]>(initial.filter(isRole));
  const save = (event: FormEvent) => {
    event.preventDefault();
    void onSave(roles);
  };
  return (
    <form onSubmit={save} className="roles-form">
      <RoleChecks chosen={roles} onChange={setRoles} autoFocus />
      <button type="submit">{t('admin.saveRoles')}</button>{' '}
      <button type="button" className="link" onClick={onCancel}>
        {t('admin.cancel')}
      </button>
    </form>
  );
}
