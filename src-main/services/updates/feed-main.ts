// Entry point of `npm run update-feed`; kept apart from feed-cli.ts so importing the CLI never runs it.
import { runUpdateFeedCli } from './feed-cli.js';

process.exitCode = await runUpdateFeedCli(process.argv.slice(2));
