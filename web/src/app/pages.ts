import type { ReactNode } from 'react';
import type { Me, Permission } from './auth';

/**
 * Navigation groups. The four wheels come first; a group appears only when at least one of its pages works
 * and the user may open it, so a wheel without pages yet stays out of the menu.
 */
export const navGroups = [
  { key: 'political', label: '政治建设' },
  { key: 'responsibility', label: '党建责任' },
  { key: 'building', label: '组织建设' },
  { key: 'service', label: '服务中心' },
  { key: 'portal', label: '信息发布' },
  { key: 'orgs', label: '组织' },
  { key: 'members', label: '党员' },
  { key: 'system', label: '系统' },
  { key: 'self', label: '个人' },
] as const;
export type NavGroupKey = (typeof navGroups)[number]['key'];

/** A page of the management app; each area exports its list and routes.tsx joins them. */
export interface PageDef {
  path: string;
  element: ReactNode;
  allow: (me: Me) => boolean;
  /** absent for pages reached from another page (details, wizards' sub-pages) */
  menu?: { group: NavGroupKey; label: string; icon: ReactNode };
}

export const has = (p: Permission) => (me: Me) => me.permissions.includes(p);
