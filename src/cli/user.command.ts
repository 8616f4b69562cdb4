/**
 * `vigil user`: account rescue from the server's console — list accounts, give a new one-time
 * password, lift a lock-out, remove a lost second factor. Works on the same database as
 * `vigil serve` (the data directory, or DATABASE_URL).
 */
import { existsSync } from 'node:fs';
import { createApp } from '../app.js';
import { AppError, EXIT } from '../domain/app-error.js';
import { AccountRescueService } from '../services/account-rescue.service.js';
import { databaseConfigFromEnv } from '../storage/database.config.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs } from './command-args.js';
import { DATA_DIR_HELP, dataDirOf } from './data-dir.js';

export const USER_USAGE = `Usage: vigil user <action> [username] [options]

Actions:
  list                       every account: agency, roles, password set, locked, second factor
  reset-password <username>  a new one-time password (printed once; must be changed at sign-in)
  unlock <username>          lift a lock-out after failed sign-ins
  reset-totp <username>      remove a lost second factor (the user enrols again)

Options:
  --db DIR         ${DATA_DIR_HELP}
  --json           list as JSON, one object per line
  -h, --help       this help

Every action except list is written to the audit log as done from the console.`;

const ACTIONS = ['list', 'reset-password', 'unlock', 'reset-totp'];

export async function userCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    USER_USAGE,
  );
  const [action, username, ...extra] = positionals;
  if (values.help) {
    io.out(USER_USAGE);
    return EXIT.ok;
  }
  if (action === undefined) throw new AppError('bad-usage', `Give an action.\n\n${USER_USAGE}`);
  if (!ACTIONS.includes(action)) {
    throw new AppError(
      'bad-usage',
      `Unknown action "${action}"; the actions are ${ACTIONS.join(', ')}.\n\n${USER_USAGE}`,
    );
  }
  const needsName = action !== 'list';
  if ((needsName && !username) || extra.length > 0 || (!needsName && username)) {
    throw new AppError(
      'bad-usage',
      `${action}: ${needsName ? 'give one username' : 'takes no username'}.\n\n${USER_USAGE}`,
    );
  }
  const dataDir = dataDirOf(values.db);
  const database = databaseConfigFromEnv(process.env, dataDir);
  // Rescue works on an existing hub: a mistyped --db must not quietly make an empty database.
  if (database.dialect === 'sqlite' && !existsSync(database.file)) {
    throw new AppError(
      'bad-usage',
      `There is no Vigil database in ${dataDir}: give --db with the data directory that vigil serve uses (or set VIGIL_DATA_DIR or DATABASE_URL as it does).`,
    );
  }
  const vigil = await createApp({ database, dataDir });
  try {
    const rescue = new AccountRescueService(vigil.database, vigil.auth);
    switch (action) {
      case 'list': {
        const accounts = await rescue.list();
        if (accounts.length === 0) io.err('No accounts yet: the first start of vigil serve creates "admin".');
        for (const s of accounts) {
          const locked = s.lockedUntil !== null && s.lockedUntil > Date.now();
          if (values.json) {
            io.out(JSON.stringify({ ...s.user, hasPassword: s.hasPassword, locked, totp: s.totp }));
          } else {
            const flags = [s.hasPassword ? 'password' : 'no password', locked ? 'LOCKED' : '', s.totp ? 'totp' : '']
              .filter(Boolean)
              .join(', ');
            io.out(
              `${s.user.username}\tagency ${s.user.agencyId}\t${s.user.roles.join(',') || '-'}\t${flags}${s.user.disabledAt ? '\tdisabled' : ''}`,
            );
          }
        }
        return EXIT.ok;
      }
      case 'reset-password':
        io.out(`One-time password for ${username}: ${await rescue.resetPassword(username as string)}`);
        io.err('It is shown only this once; the user must choose a new password at sign-in.');
        return EXIT.ok;
      case 'unlock':
        await rescue.unlock(username as string);
        io.out(`${username} can sign in again.`);
        return EXIT.ok;
      case 'reset-totp':
        await rescue.removeTotp(username as string);
        io.out(
          `${username} has no second factor now; they enrol again at their next sign-in if their agency requires it.`,
        );
        return EXIT.ok;
      default:
        throw new AppError('bad-usage', `vigil user: unknown action "${action}".\n\n${USER_USAGE}`);
    }
  } finally {
    await vigil.close();
  }
}
