import type { SignedInUser } from '../../src-shared/store/status.js';

type Role = SignedInUser['role'];

/** The main navigation: one route per area of the counsellor's work, in the order of the workday. */
/** `needsStore`: the area shows customer data, so it opens only with the encrypted store unlocked. */
/**
 * `roles`: who can use the area (domain.md). IT support never sees customer data, so it gets only the device
 * check, settings and info; team leads read the calendar, note states and figures but change nothing.
 */
export const routes = [
  { id: 'heute', feature: 'today', view: 'TodayView', needsStore: true, roles: ['counsellor'] },
  { id: 'kalender', feature: 'calendar', view: 'CalendarView', needsStore: true, roles: ['counsellor', 'team_lead'] },
  { id: 'sitzung', feature: 'session', view: 'SessionView', needsStore: true, roles: ['counsellor'] },
  { id: 'vermerke', feature: 'notes', view: 'NotesView', needsStore: true, roles: ['counsellor', 'team_lead'] },
  { id: 'geraetepruefung', feature: 'readiness', view: 'ReadinessView', needsStore: false, roles: ['counsellor', 'team_lead', 'it_support'] },
  { id: 'berichte', feature: 'reports', view: 'ReportsView', needsStore: true, roles: ['counsellor', 'team_lead'] },
  // Pseudonymised cases straight from the server, never stored on the laptop: no store needed.
  { id: 'pruefung', feature: 'review', view: 'ReviewView', needsStore: false, roles: ['team_lead'] },
  { id: 'einstellungen', feature: 'settings', view: 'SettingsView', needsStore: false, roles: ['counsellor', 'team_lead', 'it_support'] },
  { id: 'info', feature: 'about', view: 'AboutView', needsStore: false, roles: ['counsellor', 'team_lead', 'it_support'] },
] as const satisfies readonly { id: string; feature: string; view: string; needsStore: boolean; roles: readonly Role[] }[];

export type RouteId = (typeof routes)[number]['id'];
/** The counsellor's day starts on "Heute" (once the store is unlocked); other roles on their first area (`homeRoute`). */
export const DEFAULT_ROUTE: RouteId = 'heute';

export const isRouteId = (value: string): value is RouteId => routes.some((route) => route.id === value);

/** `#/vermerke` → `vermerke`; anything unknown falls back to the default route. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRouteId(id) ? id : DEFAULT_ROUTE;
}

/**
 * Whether `role` can use the route. Signed out (role null) every area stays open: a counsellor works offline
 * from the encrypted cache, and the server decides again at every request.
 */
export const routeAllowed = (route: RouteId, role: Role | null): boolean =>
  role === null || (routes.find((item) => item.id === route)?.roles as readonly Role[] | undefined)?.includes(role) === true;

/** The routes `role` sees in the navigation. */
export const routesFor = (role: Role | null) => routes.filter((route) => routeAllowed(route.id, role));

/** Where a role starts when the address names no area (IT support: the device check). */
export const homeRoute = (role: Role | null): RouteId => routesFor(role)[0]?.id ?? DEFAULT_ROUTE;

/**
 * The places of one appointment, `#/<route>/<appointmentId>`: the one format every link in the app builds here
 * and every view reads here (the session window, its Beratungsvermerk).
 */
export type AppointmentRoute = Extract<RouteId, 'sitzung' | 'vermerke'>;

export const appointmentHref = (route: AppointmentRoute, appointmentId: string): string => `#/${route}/${encodeURIComponent(appointmentId)}`;

/** The appointment in `#/<route>/<id>`, or null for any other hash. */
export function appointmentInHash(route: AppointmentRoute, hash: string): string | null {
  const id = new RegExp(`^#/${route}/([^/?#]+)$`).exec(hash)?.[1];
  if (!id) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return null;
  }
}
