/** The main navigation: one route per area of the counsellor's work, in the order of the workday. */
/** `needsStore`: the area shows customer data, so it opens only with the encrypted store unlocked. */
export const routes = [
  { id: 'kalender', feature: 'calendar', view: 'CalendarView', needsStore: true },
  { id: 'sitzung', feature: 'session', view: 'SessionView', needsStore: true },
  { id: 'vermerke', feature: 'notes', view: 'NotesView', needsStore: true },
  { id: 'geraetepruefung', feature: 'readiness', view: 'ReadinessView', needsStore: false },
  { id: 'berichte', feature: 'reports', view: 'ReportsView', needsStore: true },
  { id: 'einstellungen', feature: 'settings', view: 'SettingsView', needsStore: false },
  { id: 'info', feature: 'about', view: 'AboutView', needsStore: false },
] as const;

export type RouteId = (typeof routes)[number]['id'];
export const DEFAULT_ROUTE: RouteId = 'kalender';

export const isRouteId = (value: string): value is RouteId => routes.some((route) => route.id === value);

/** `#/vermerke` → `vermerke`; anything unknown falls back to the calendar. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRouteId(id) ? id : DEFAULT_ROUTE;
}
