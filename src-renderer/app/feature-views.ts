/**
 * Finds each route's view module at build time. Views are loaded lazily, so the calendar appears without
 * waiting for the code of reports or the readiness check. A route whose feature has no view yet shows a
 * notice instead of breaking the build.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { routes, type RouteId } from './routes.js';

const modules = import.meta.glob<{ default: ComponentType }>('../features/*/*View.tsx');

export const featureViews: Partial<Record<RouteId, LazyExoticComponent<ComponentType>>> = Object.fromEntries(
  routes.flatMap((route) => {
    const load = modules[`../features/${route.feature}/${route.view}.tsx`];
    return load ? [[route.id, lazy(load)]] : [];
  }),
);
