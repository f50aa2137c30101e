import { create } from 'zustand';
import { routeFromHash, type RouteId } from './routes.js';

interface NavigationState {
  route: RouteId;
  navigate(route: RouteId): void;
}

/** The current view, kept in the URL hash so the browser's back button and reloads work in the web shell too. */
export const useNavigation = create<NavigationState>((set) => ({
  route: routeFromHash(window.location.hash),
  navigate(route) {
    if (window.location.hash !== `#/${route}`) window.location.hash = `#/${route}`;
    set({ route });
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ route: routeFromHash(window.location.hash) }));
