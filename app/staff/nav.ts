/** Who may open each back-office section with a menu link: the menu (layout) and the home page's cards both read it; the pages check again themselves. */
import type { StaffRole } from '@/lib/auth/staff';

export interface StaffNavLink {
  href: string;
  label: string;
  roles: readonly StaffRole[];
}

export const PUBLICATIONS_LINK: StaffNavLink = { href: '/staff/publications', label: '曝光台/点赞榜', roles: ['admin', 'publicity'] };

export const STAFF_NAV: readonly StaffNavLink[] = [
  { href: '/staff/signboards', label: '公示牌印制', roles: ['admin'] },
  { href: '/staff/master', label: '基础数据', roles: ['admin', 'dispatcher'] },
  PUBLICATIONS_LINK,
];
