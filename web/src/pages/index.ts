/**
 * Every page of the signed-in app: its path pattern, its component, and its navigation label
 * (pages without one are reached by links). Add a page here and it is routed and, if labelled,
 * in the top bar.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/en';
import { AccountPage } from './account-page';
import { DashboardPage } from './dashboard-page';

export interface PageEntry {
  path: string;
  page: ComponentType<{ params: Record<string, string> }>;
  nav?: MessageKey;
}

export const PAGES: readonly PageEntry[] = [
  { path: '/', page: DashboardPage, nav: 'nav.dashboard' },
  { path: '/account', page: AccountPage, nav: 'nav.account' },
];
