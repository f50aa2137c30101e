// Entry point of `npm run readiness` and of the standalone bundle; kept apart from cli.ts so importing the CLI
// (the app's --readiness flag, tests, the benchmark) never runs it.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
