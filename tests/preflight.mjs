// Before `npm test` runs anything: are the programs the tests start there? Without one of them hundreds of tests
// would fail with advice that does not apply here (Playwright's "download a browser"), so each missing program
// is named once, with the Debian package that brings it (`.ci/run` installs them all from .ci/apt-packages.txt).
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What the tests need: a program (or a probe), the package that brings it, and who needs it (de / en). */
const requirements = [
  { program: chromium, pkg: 'chromium', de: 'Browser-Tests (Playwright)', en: 'browser tests (Playwright)' },
  { program: 'ffmpeg', pkg: 'ffmpeg', de: 'Kamera- und Mikrofon-Testdateien', en: 'camera and microphone test files' },
  { program: 'turnserver', pkg: 'coturn', de: 'TURN-Server der Anruf-Tests', en: 'TURN server of the call tests' },
  { program: 'redis-server', pkg: 'redis-server', de: 'Signalisierung über mehrere Knoten', en: 'signalling across nodes' },
  { program: 'gnome-keyring-daemon', pkg: 'gnome-keyring', de: 'Schlüsselbund-Tests', en: 'keychain tests' },
  { program: 'dbus-daemon', pkg: 'dbus-x11', de: 'Sitzungsbus für den Schlüsselbund', en: 'session bus for the keychain' },
  { program: 'dbus-send', pkg: 'dbus-x11', de: 'Sitzungsbus für den Schlüsselbund', en: 'session bus for the keychain' },
  { program: 'ip', pkg: 'iproute2', de: 'private Testnetze der Anruf-Tests', en: 'private test networks of the call tests' },
];

function onPath(program) {
  const candidates = program.includes('/') ? [program] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Network namespaces need root (CAP_NET_ADMIN); listing them is the cheapest call that says so. */
function netnsProblem() {
  if (process.getuid?.() !== 0) return { de: 'private Testnetze (`ip netns`) brauchen root', en: 'private test networks (`ip netns`) need root' };
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return { de: '`ip netns list` schlägt fehl', en: '`ip netns list` fails' };
  }
}

/** @returns {string[]} one entry per problem, a German line then an English one; empty when everything is there */
function preflight() {
  const missing = requirements.filter((requirement) => !onPath(requirement.program));
  const lines = missing.map(
    ({ program, pkg, de, en }) =>
      `Fehlt: ${program} (${de}) – installieren mit: apt-get install ${pkg}\n  missing: ${program} (${en}) – install with: apt-get install ${pkg}`,
  );
  if (!missing.some((requirement) => requirement.program === 'ip')) {
    const problem = netnsProblem();
    if (problem) lines.push(`Nicht möglich: ${problem.de} – als root ausführen\n  not possible: ${problem.en} – run as root`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = preflight();
  if (problems.length > 0) {
    for (const line of problems) console.log(line);
    console.log('`bash .ci/run` installiert alles Nötige (als root).\n  `bash .ci/run` installs everything needed (as root).');
  }
  process.exit(problems.length > 0 ? 1 : 0);
}
