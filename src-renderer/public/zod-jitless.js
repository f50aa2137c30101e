// Zod 4 probes `new Function` to compile fast parsers. Under the app's CSP (no 'unsafe-eval') that probe is
// blocked and reported as a violation. Zod reads its configuration from this global, so setting it here, in a
// classic script that runs before any module, turns the probe off however the bundler orders its chunks.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
