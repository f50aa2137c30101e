/**
 * Zod 4 compiles object parsers with `new Function` when it can. Under our CSP (no 'unsafe-eval') its probe
 * for that is blocked and reported as a CSP violation. Jitless mode skips the probe. For single-file bundles
 * (the preload) importing this module first is enough; pages built by Vite load `public/zod-jitless.js`
 * instead, because code splitting may evaluate a schema module before this one.
 */
import { z } from 'zod';

z.config({ jitless: true });
