/** English messages: every string the web app shows. Other languages must have the same keys. */
export const en = {
  appName: 'Vigil',
  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.totp': 'Code from your authenticator app',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.totpNeeded': 'Enter the 6-digit code from your authenticator app.',
  'password.title': 'Choose a new password',
  'password.why': 'The password you signed in with was for one use only. Choose your own to continue.',
  'password.current': 'Current password',
  'password.new': 'New password (at least 12 characters)',
  'password.repeat': 'New password again',
  'password.mismatch': 'The two new passwords differ.',
  'password.submit': 'Save password',
  'totp.title': 'Set up a second factor',
  'totp.why': 'Your agency requires a code from an authenticator app at every sign-in.',
  'totp.secret': 'Add this key to your authenticator app:',
  'totp.code': 'Then enter the code it shows',
  'totp.submit': 'Activate',
  'totp.start': 'Show my key',
  'nav.dashboard': 'Dashboard',
  'nav.signOut': 'Sign out',
  'nav.language': 'Language',
  'dashboard.title': 'Dashboard',
  'dashboard.welcome': 'Signed in as {name}.',
  'session.expired': 'Your session has ended. Please sign in again.',
  'error.generic': 'Something went wrong: {message}',
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
