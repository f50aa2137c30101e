/** The main navigation: one route per area of the counsellor's work, in the order of the workday. */
export const routes = [
  { id: 'kalender', feature: 'calendar', view: 'CalendarView' },
  { id: 'sitzung', feature: 'session', view: 'SessionView' },
  { id: 'vermerke', feature: 'notes', view: 'NotesView' },
  { id: 'geraetepruefung', feature: 'readiness', view: 'ReadinessView' },
  { id: 'berichte', feature: 'reports', view: 'ReportsView' },
  { id: 'einstellungen', feature: 'settings', view: 'SettingsView' },
  { id: 'info', feature: 'about', view: 'AboutView' },
] as const;

export type RouteId = (typeof routes)[number]['id'];
export const DEFAULT_ROUTE: RouteId = 'kalender';

export const isRouteId = (value: string): value is RouteId => routes.some((route) => route.id === value);

/** `#/vermerke` → `vermerke`; anything unknown falls back to the calendar. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRouteId(id) ? id : DEFAULT_ROUTE;
}
