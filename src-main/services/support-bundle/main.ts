// Entry point of `npm run support-bundle`; kept apart from cli.ts so importing the CLI never runs it.
import { runSupportBundleCli } from './cli.js';

process.exitCode = await runSupportBundleCli(process.argv.slice(2));
