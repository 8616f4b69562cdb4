/**
 * Every page of the signed-in app: its path pattern, its component, and its navigation label
 * (pages without one are reached by links). Add a page here and it is routed and, if labelled,
 * in the top bar.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/en';
import { AccountPage } from './account-page';
import { AdminPage } from './admin-page';
import { AlertsPage } from './alerts-page';
import { AuditPage } from './audit-page';
import { CasePage, CasesPage } from './cases-page';
import { DashboardPage } from './dashboard-page';
import { ExhibitPage } from './exhibit-page';
import { HashSetsPage } from './hash-sets-page';
import { LinksPage } from './links-page';
import { LookupPage } from './lookup-page';
import { MediaPage } from './media-page';
import { PlacePage } from './place-page';
import { ReviewGridPage } from './review-grid-page';
import { SeriesListPage, SeriesPage } from './series-page';

export interface PageEntry {
  path: string;
  page: ComponentType<{ params: Record<string, string> }>;
  nav?: MessageKey;
  /** Open (in the navigation and by its address) only to holders of one of these roles; the API enforces the rest. */
  roles?: readonly string[];
}

/** Whether a page is open to these roles (every page without `roles` is). */
export function pageOpenTo(page: PageEntry, roles: readonly string[]): boolean {
  return !page.roles || page.roles.some((r) => roles.includes(r));
}

export const PAGES: readonly PageEntry[] = [
  { path: '/', page: DashboardPage, nav: 'nav.dashboard' },
  { path: '/cases', page: CasesPage, nav: 'nav.cases', roles: ['viewer', 'analyst', 'admin'] },
  { path: '/cases/:id', page: CasePage },
  { path: '/exhibits/:id', page: ExhibitPage },
  { path: '/exhibits/:id/review', page: ReviewGridPage },
  { path: '/media/:id', page: MediaPage },
  { path: '/series', page: SeriesListPage, nav: 'nav.series', roles: ['viewer', 'analyst', 'admin'] },
  { path: '/series/:id', page: SeriesPage },
  { path: '/places/:id', page: PlacePage },
  { path: '/alerts', page: AlertsPage, nav: 'nav.alerts', roles: ['viewer', 'analyst', 'admin'] },
  { path: '/lookup', page: LookupPage, nav: 'nav.lookup' },
  { path: '/links', page: LinksPage, nav: 'nav.links', roles: ['viewer', 'analyst', 'admin'] },
  { path: '/hash-sets', page: HashSetsPage, nav: 'nav.sets', roles: ['viewer', 'analyst', 'admin'] },
  { path: '/audit', page: AuditPage, nav: 'nav.audit', roles: ['auditor', 'admin'] },
  { path: '/admin', page: AdminPage, nav: 'nav.admin', roles: ['admin'] },
  { path: '/account', page: AccountPage, nav: 'nav.account' },
];
