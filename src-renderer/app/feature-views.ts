/**
 * Finds each route's view module at build time and loads it on demand, so the calendar appears without waiting
 * for the code of reports or the readiness check. Not React.lazy: a lazy view suspends, and React holds back a
 * Suspense boundary's content for up to 300 ms after its fallback showed (its reveal throttle), which made the
 * calendar appear a third of a second after its code and data were there. Here the view renders the moment its
 * module is loaded, and start-up begins loading the first view while the back office connects (`loadView`).
 */
import { useEffect, useSyncExternalStore, type ComponentType } from 'react';
import { routes, type RouteId } from './routes.js';

const modules = import.meta.glob<{ default: ComponentType }>('../features/*/*View.tsx');

const loaders: Partial<Record<RouteId, () => Promise<{ default: ComponentType }>>> = Object.fromEntries(
  routes.flatMap((route) => {
    const load = modules[`../features/${route.feature}/${route.view}.tsx`];
    return load ? [[route.id, load]] : [];
  }),
);

export type ViewState =
  | { readonly kind: 'ready'; readonly View: ComponentType }
  | { readonly kind: 'loading' }
  /** The module could not be loaded (e.g. files replaced by an update while the app ran). */
  | { readonly kind: 'failed'; readonly message: string }
  /** The route's feature has no view in this build. */
  | { readonly kind: 'missing' };

const states = new Map<RouteId, ViewState>();
const loads = new Map<RouteId, Promise<ViewState>>();
const listeners = new Set<() => void>();
const LOADING: ViewState = { kind: 'loading' };

/** Starts loading a route's view once; later calls share the load. */
export function loadView(route: RouteId): Promise<ViewState> {
  const known = loads.get(route);
  if (known) return known;
  const loader = loaders[route];
  const load: Promise<ViewState> = loader
    ? loader().then(
        (module): ViewState => ({ kind: 'ready', View: module.default }),
        (error: unknown): ViewState => ({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
      )
    : Promise.resolve({ kind: 'missing' });
  void load.then((state) => {
    states.set(route, state);
    for (const listener of listeners) listener();
  });
  loads.set(route, load);
  return load;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The route's view as far as it is loaded. A subscription, not a check in an effect: the load may end between
 * the render that saw it loading and the effect after it (it starts before the first render, see main.tsx).
 */
export function useView(route: RouteId): ViewState {
  const state = useSyncExternalStore(subscribe, () => states.get(route));
  useEffect(() => {
    void loadView(route);
  }, [route]);
  return state ?? LOADING;
}
