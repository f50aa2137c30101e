/**
 * Zod 4 compiles object parsers with `new Function` when it can. Under our CSP (no 'unsafe-eval') its probe
 * for that is blocked and reported as a CSP violation on every start. Jitless mode skips the probe; import
 * this module first in every bundle that runs under the renderer's CSP (renderer, preload, guest page).
 */
import { z } from 'zod';

z.config({ jitless: true });
