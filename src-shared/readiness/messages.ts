/**
 * Words for the report: each finding code has the evidence as a sentence and a fix-it hint, German first
 * (the users' language), English for the app's second language. Used by the view, the printable HTML and the
 * command line alike, so IT support and the counsellor read the same sentence.
 */
import { isProbeCause, type ProbeCause } from './causes.js';
import type { CheckId, Figure, Finding, Verdict } from './report.js';

export type ReportLanguage = 'de' | 'en';

interface Message {
  readonly text: string;
  readonly hint?: string;
}

type Catalogue = Record<string, { de: Message; en: Message }>;

export const FINDING_MESSAGES: Catalogue = {
  'headset.open-speakers': {
    de: { text: 'Das Mikrofon hat {{heard}} von {{total}} Testtönen genau dann gehört, als sie gespielt wurden: der Ton kommt aus offenen Lautsprechern.', hint: 'Schließen Sie ein Headset an und wählen Sie es als Ausgabe und Mikrofon. Über Lautsprecher hören Dritte im Raum die Kundin oder den Kunden mit.' },
    en: { text: 'The microphone heard {{heard}} of {{total}} test tones exactly when they were played: sound comes from open speakers.', hint: 'Connect a headset and select it as output and microphone. With speakers, others in the room overhear the customer.' },
  },
  'headset.partly-heard': {
    de: { text: 'Das Mikrofon hat {{heard}} von {{total}} Testtönen gehört.', hint: 'Prüfen Sie, ob wirklich das Headset ausgewählt ist, und wiederholen Sie den Test in ruhiger Umgebung.' },
    en: { text: 'The microphone heard {{heard}} of {{total}} test tones.', hint: 'Check that the headset is really selected and repeat the test somewhere quiet.' },
  },
  'headset.user-heard-speakers': {
    de: { text: 'Sie haben die Testtöne aus Lautsprechern gehört: andere im Raum hören mit.', hint: 'Schließen Sie ein Headset an und wählen Sie es als Ausgabe. Manche Geräte filtern den eigenen Ton aus dem Mikrofon, darum zählt Ihre Antwort.' },
    en: { text: 'You heard the test tones from speakers: others in the room can hear too.', hint: 'Connect a headset and select it as output. Some devices filter their own sound from the microphone, which is why your answer counts.' },
  },
  'headset.speakerphone': {
    de: { text: 'Die Ausgabe „{{device}}“ ist eine Freisprecheinrichtung (Konferenzlautsprecher): alle im Raum hören mit.', hint: 'Für Beratungen ein Headset verwenden; eine Freisprecheinrichtung nur in einem geschlossenen Raum ohne andere Personen.' },
    en: { text: 'The output “{{device}}” is a speakerphone (conference speaker): everyone in the room can hear.', hint: 'Use a headset for consultations; a speakerphone only in a closed room with nobody else in it.' },
  },
  'headset.confirmed': {
    de: { text: 'Headset in Ordnung: Sie haben die {{total}} Testtöne im Headset gehört, das Mikrofon (Sprache {{speech}} dBFS, Ruhe {{floor}} dBFS) hat keinen gehört — der Ton bleibt am Ohr.' },
    en: { text: 'Headset fine: you heard the {{total}} test tones in the headset, the microphone (speech {{speech}} dBFS, quiet {{floor}} dBFS) heard none — sound stays at the ear.' },
  },
  'headset.mic-silent': {
    de: { text: 'Nicht prüfbar: das Mikrofon liefert kein Signal (Spitze {{peak}} dBFS). Ohne Mikrofon beweist der Hörtest nichts.', hint: 'Prüfen Sie den Stummschalter am Headset und die Mikrofonauswahl, dann erneut prüfen.' },
    en: { text: 'Cannot be checked: the microphone delivers no signal (peak {{peak}} dBFS). Without a microphone the listening test proves nothing.', hint: 'Check the mute switch on the headset and the microphone selection, then check again.' },
  },
  'headset.no-speech': {
    de: { text: 'Nicht prüfbar: das Mikrofon hat Ihre Stimme nicht gehört (Sprache {{speech}} dBFS, Ruhe {{floor}} dBFS).', hint: 'Sprechen Sie den angezeigten Satz in normaler Lautstärke, wenn Sie dazu aufgefordert werden. Ist das richtige Mikrofon gewählt?' },
    en: { text: 'Cannot be checked: the microphone did not hear your voice (speech {{speech}} dBFS, quiet {{floor}} dBFS).', hint: 'Say the sentence shown at normal volume when asked. Is the right microphone selected?' },
  },
  'headset.output-not-chosen': {
    de: { text: 'Nicht prüfbar: die Töne ließen sich nicht auf der gewählten Ausgabe abspielen.', hint: 'Wählen Sie die Ausgabe erneut (ist das Headset noch verbunden?) oder wählen Sie das Headset in den Systemeinstellungen als Standard.' },
    en: { text: 'Cannot be checked: the tones could not be played on the chosen output.', hint: 'Choose the output again (is the headset still connected?) or make the headset the default in the system settings.' },
  },
  'headset.not-played': {
    de: { text: 'Nicht prüfbar: die Testtöne wurden nicht abgespielt.', hint: 'Prüfen Sie erneut.' },
    en: { text: 'Cannot be checked: the test tones were not played.', hint: 'Check again.' },
  },
  'headset.interference': {
    de: { text: 'Nicht prüfbar: schon vor den Testtönen war ein Ton auf ihrer Höhe zu hören ({{hz}} Hz).', hint: 'Beenden Sie andere Töne (Musik, Videos, ein Pfeifen) und prüfen Sie in ruhiger Umgebung erneut.' },
    en: { text: 'Cannot be checked: a sound at the test tones’ pitch was there before they played ({{hz}} Hz).', hint: 'Stop other sounds (music, videos, a whistle) and check again somewhere quiet.' },
  },
  'headset.nothing-heard': {
    de: { text: 'Nicht prüfbar: weder Sie noch das Mikrofon haben die Testtöne gehört.', hint: 'Ist die Lautstärke stumm oder eine andere Ausgabe gewählt? Stellen Sie das Headset als Ausgabe ein und prüfen Sie erneut.' },
    en: { text: 'Cannot be checked: neither you nor the microphone heard the test tones.', hint: 'Is the volume muted or another output selected? Select the headset as output and check again.' },
  },
  'headset.no-answer': {
    de: { text: 'Nicht prüfbar: ohne Ihre Antwort, wo Sie die Töne gehört haben, lässt sich ein Headset nicht bestätigen.', hint: 'Prüfen Sie erneut und beantworten Sie die Frage nach den Tönen.' },
    en: { text: 'Cannot be checked: without your answer where you heard the tones, a headset cannot be confirmed.', hint: 'Check again and answer the question about the tones.' },
  },
  'headset.device-speakers': {
    de: { text: 'Das Ausgabegerät meldet sich als Lautsprecher.', hint: 'Schließen Sie ein Headset an und wählen Sie es aus.' },
    en: { text: 'The output device reports itself as speakers.', hint: 'Connect a headset and select it.' },
  },
  'headset.device-headset': {
    de: { text: 'Das Ausgabegerät meldet sich als Headset oder Kopfhörer (ohne Hörtest).' },
    en: { text: 'The output device reports itself as a headset or headphones (without the listening test).' },
  },
  'headset.unknown': {
    de: { text: 'Ob ein Headset angeschlossen ist, lässt sich aus den Gerätenamen nicht erkennen.', hint: 'Starten Sie den Hörtest in der App.' },
    en: { text: 'Whether a headset is connected cannot be told from the device names.', hint: 'Run the listening test in the app.' },
  },
  'headset.no-devices': {
    de: { text: 'Es wurde kein Audiogerät gefunden.', hint: 'Schließen Sie ein Headset an und erlauben Sie der App den Zugriff auf das Mikrofon.' },
    en: { text: 'No audio device was found.', hint: 'Connect a headset and allow the app to use the microphone.' },
  },
  'microphone.silent': {
    de: { text: 'Das Mikrofon liefert kein Signal (Spitze {{peakDbfs}} dBFS).', hint: 'Prüfen Sie den Stummschalter am Headset und die Mikrofonauswahl.' },
    en: { text: 'The microphone delivers no signal (peak {{peakDbfs}} dBFS).', hint: 'Check the mute switch on the headset and the microphone selection.' },
  },
  'microphone.quiet': {
    de: { text: 'Das Mikrofon ist sehr leise (Spitze {{peakDbfs}} dBFS).', hint: 'Rücken Sie das Mikrofon näher an den Mund oder erhöhen Sie den Eingangspegel.' },
    en: { text: 'The microphone is very quiet (peak {{peakDbfs}} dBFS).', hint: 'Move the microphone closer to the mouth or raise the input level.' },
  },
  'microphone.clipping': {
    de: { text: 'Das Mikrofon übersteuert ({{percent}} % der Abtastwerte am Anschlag).', hint: 'Senken Sie den Eingangspegel in den Systemeinstellungen.' },
    en: { text: 'The microphone clips ({{percent}} % of samples at full scale).', hint: 'Lower the input level in the system settings.' },
  },
  'microphone.ok': {
    de: { text: 'Mikrofonpegel in Ordnung (Spitze {{peakDbfs}} dBFS).' },
    en: { text: 'Microphone level fine (peak {{peakDbfs}} dBFS).' },
  },
  'camera.black': {
    de: { text: 'Die Kamera liefert nur schwarze Bilder.', hint: 'Öffnen Sie die Abdeckung oder den Kameraschalter am Laptop.' },
    en: { text: 'The camera delivers only black frames.', hint: 'Open the lens cover or the camera switch on the laptop.' },
  },
  'camera.frozen': {
    de: { text: 'Das Kamerabild steht still ({{frames}} gleiche Bilder).', hint: 'Schließen Sie andere Programme, die die Kamera nutzen, und stecken Sie die Kamera neu ein.' },
    en: { text: 'The camera picture is frozen ({{frames}} identical frames).', hint: 'Close other programs using the camera and reconnect it.' },
  },
  'camera.low-resolution': {
    de: { text: 'Die Kamera liefert nur {{width}}×{{height}} Pixel (mindestens 640×480).', hint: 'Wählen Sie eine bessere Kamera oder schließen Sie eine externe Webcam an.' },
    en: { text: 'The camera delivers only {{width}}×{{height}} pixels (at least 640×480).', hint: 'Choose a better camera or connect an external webcam.' },
  },
  'camera.low-framerate': {
    de: { text: 'Die Kamera liefert nur {{fps}} Bilder pro Sekunde (mindestens 15).', hint: 'Mehr Licht hilft: bei Dunkelheit senken Kameras die Bildrate.' },
    en: { text: 'The camera delivers only {{fps}} frames per second (at least 15).', hint: 'More light helps: cameras lower the frame rate in the dark.' },
  },
  'camera.too-dark': {
    de: { text: 'Das Bild ist zu dunkel (mittlere Helligkeit {{luma}} von 255).', hint: 'Schalten Sie Licht von vorn ein.' },
    en: { text: 'The picture is too dark (mean brightness {{luma}} of 255).', hint: 'Turn on a light in front of you.' },
  },
  'camera.overexposed': {
    de: { text: '{{percent}} % des Bildes sind überbelichtet.', hint: 'Vermeiden Sie direktes Licht in die Kamera.' },
    en: { text: '{{percent}} % of the picture is overexposed.', hint: 'Avoid direct light into the camera.' },
  },
  'camera.backlight': {
    de: { text: 'Gegenlicht: der Hintergrund ist deutlich heller als Sie ({{difference}} Helligkeitsstufen).', hint: 'Drehen Sie sich so, dass das Fenster vor oder neben Ihnen liegt, oder schließen Sie die Jalousie.' },
    en: { text: 'Backlight: the background is much brighter than you ({{difference}} levels).', hint: 'Turn so the window is in front of or beside you, or close the blinds.' },
  },
  'camera.face-model-missing': {
    de: { text: 'Die Gesichtserkennung konnte nicht laufen.', hint: 'Installieren Sie die App neu; das Modell gehört zum Lieferumfang.' },
    en: { text: 'Face detection could not run.', hint: 'Reinstall the app; the model ships with it.' },
  },
  'camera.no-face': {
    de: { text: 'Im Bild ist kein Gesicht zu sehen.', hint: 'Setzen Sie sich mittig vor die Kamera.' },
    en: { text: 'No face is visible in the picture.', hint: 'Sit centred in front of the camera.' },
  },
  'camera.other-person': {
    de: { text: 'Im Bild sind {{faces}} Gesichter: eine weitere Person ist zu sehen.', hint: 'Im Gespräch darf niemand sonst im Bild sein: wechseln Sie den Platz oder bitten Sie die Person, den Raum zu verlassen.' },
    en: { text: '{{faces}} faces are in the picture: another person is visible.', hint: 'Nobody else may be in the picture during a consultation: move or ask the person to leave.' },
  },
  'camera.off-centre': {
    de: { text: 'Ihr Gesicht ist nicht mittig im Bild.', hint: 'Richten Sie die Kamera auf Augenhöhe und mittig aus.' },
    en: { text: 'Your face is not centred in the picture.', hint: 'Place the camera at eye level and centred.' },
  },
  'camera.face-small': {
    de: { text: 'Ihr Gesicht ist klein im Bild ({{percent}} % der Bildhöhe).', hint: 'Rücken Sie näher an die Kamera.' },
    en: { text: 'Your face is small in the picture ({{percent}} % of the height).', hint: 'Move closer to the camera.' },
  },
  'camera.face-large': {
    de: { text: 'Ihr Gesicht füllt fast das ganze Bild ({{percent}} % der Bildhöhe).', hint: 'Rücken Sie etwas von der Kamera weg.' },
    en: { text: 'Your face almost fills the picture ({{percent}} % of the height).', hint: 'Move back a little from the camera.' },
  },
  'camera.ok': {
    de: { text: 'Kamera in Ordnung: {{width}}×{{height}} bei {{fps}} Bildern pro Sekunde, ein Gesicht mittig.' },
    en: { text: 'Camera fine: {{width}}×{{height}} at {{fps}} frames per second, one face centred.' },
  },
  'background.camera-first': {
    de: { text: 'Nicht prüfbar — erst die Kamera: sie liefert kein verwertbares Bild (schwarz oder stehend).', hint: 'Beheben Sie zuerst, was die Kameraprüfung meldet, und prüfen Sie dann den Hintergrund erneut.' },
    en: { text: 'Cannot be checked — the camera first: it delivers no usable picture (black or frozen).', hint: 'First fix what the camera check reports, then check the background again.' },
  },
  'background.not-visible': {
    de: { text: 'Vom Hintergrund ist kaum etwas zu sehen ({{percent}} % des Bildes).' },
    en: { text: 'Hardly any background is visible ({{percent}} % of the picture).' },
  },
  'background.cluttered': {
    de: { text: 'Der Hintergrund ist unruhig (Kanten {{edges}} %, Farbigkeit {{colour}}).', hint: 'Setzen Sie sich vor eine ruhige Wand, räumen Sie auf oder schalten Sie die Hintergrundunschärfe ein.' },
    en: { text: 'The background is busy (edges {{edges}} %, colourfulness {{colour}}).', hint: 'Sit in front of a plain wall, tidy up, or turn on background blur.' },
  },
  'background.cluttered-blurred': {
    de: { text: 'Der Hintergrund ist unruhig, wird aber durch die Unschärfe verdeckt.' },
    en: { text: 'The background is busy, but blur hides it.' },
  },
  'background.bright-window': {
    de: { text: 'Hinter Ihnen ist eine sehr helle Fläche ({{percent}} % des Hintergrunds), vermutlich ein Fenster.', hint: 'Drehen Sie sich weg vom Fenster oder schließen Sie die Jalousie.' },
    en: { text: 'There is a very bright area behind you ({{percent}} % of the background), probably a window.', hint: 'Turn away from the window or close the blinds.' },
  },
  'background.other-person': {
    de: { text: 'Im Hintergrund ist eine weitere Person zu sehen.', hint: 'Sorgen Sie dafür, dass niemand sonst im Bild ist, oder wechseln Sie den Raum.' },
    en: { text: 'Another person is visible in the background.', hint: 'Make sure nobody else is in the picture, or change rooms.' },
  },
  'background.neutral': {
    de: { text: 'Neutraler Hintergrund (Kanten {{edges}} %, Farbigkeit {{colour}}).' },
    en: { text: 'Neutral background (edges {{edges}} %, colourfulness {{colour}}).' },
  },
  'network.not-configured': {
    de: { text: 'Für die Netzprüfung ist kein TURN-Server eingerichtet.', hint: 'In der App: Der Betrieb muss auf dem Beratungsraum-Server TURN einrichten (Abschnitt „turn“). Auf der Kommandozeile: --turn oder BERATUNGSRAUM_TURN_URLS angeben.' },
    en: { text: 'No TURN server is set up for the network check.', hint: 'In the app: operations must set up TURN on the Beratungsraum server (section "turn"). On the command line: pass --turn or BERATUNGSRAUM_TURN_URLS.' },
  },
  'network.signed-out': {
    de: { text: 'Die Netzprüfung braucht eine Anmeldung am Beratungsraum-Server: Er stellt den Zugang zum TURN-Server aus.', hint: 'Bitte am Server anmelden („Am Server anmelden“ mit Serveradresse und Ihrem Konto) und die Netzprüfung erneut starten.' },
    en: { text: 'The network check needs a sign-in to the Beratungsraum server: it issues the access to the TURN server.', hint: 'Please sign in to the server ("Am Server anmelden" with the server address and your account) and run the network check again.' },
  },
  'network.turn-refused': {
    de: { text: 'Der Server gibt diesem Konto keinen TURN-Zugang für die Netzprüfung.', hint: 'Melden Sie sich mit einem Konto für Beratung oder IT-Support an.' },
    en: { text: 'The server gives this account no TURN access for the network check.', hint: 'Sign in with a counselling or IT support account.' },
  },
  'network.turn-grant-failed': {
    de: { text: 'Der Server konnte keinen TURN-Zugang ausstellen: {{cause}}.', hint: 'Versuchen Sie es später erneut; bleibt es dabei, wenden Sie sich an den IT-Service.' },
    en: { text: 'The server could not issue TURN access: {{cause}}.', hint: 'Try again later; if it persists, contact IT support.' },
  },
  'network.server-unreachable': {
    de: { text: 'Der Beratungsraum-Server {{url}} ist nicht erreichbar: {{cause}}.', hint: 'Prüfen Sie Serveradresse, VPN und Proxy; ohne Server gibt es keine Termine und keine Gespräche.' },
    en: { text: 'The Beratungsraum server {{url}} cannot be reached: {{cause}}.', hint: 'Check the server address, VPN and proxy; without the server there are no appointments and no calls.' },
  },
  'network.turn-unreachable': {
    de: { text: 'Der TURN-Server ist nicht erreichbar: {{cause}} (versucht: {{tried}}).', hint: 'Prüfen Sie die Internetverbindung oder VPN; die Firewall muss den TURN-Port durchlassen.' },
    en: { text: 'The TURN server cannot be reached: {{cause}} (tried: {{tried}}).', hint: 'Check the internet connection or VPN; the firewall must let the TURN port through.' },
  },
  'network.udp-blocked': {
    de: { text: 'TURN über UDP ({{address}}) geht nicht: {{cause}}. Andere Wege sind erreichbar.', hint: 'Gespräche laufen, aber mit mehr Verzögerung. Der IT-Service kann UDP zum TURN-Port freigeben.' },
    en: { text: 'TURN over UDP ({{address}}) does not work: {{cause}}. Other paths can be reached.', hint: 'Calls work, with more delay. IT support can open UDP to the TURN port.' },
  },
  'network.transport-unreachable': {
    de: { text: 'TURN über {{transport}} ({{address}}) geht nicht: {{cause}}. Andere Wege sind erreichbar.', hint: 'Gespräche laufen über die anderen Wege. Netze, die nur diesen Weg zulassen, bleiben ohne Verbindung: der IT-Service sollte Firewall, Proxy oder Zertifikat prüfen.' },
    en: { text: 'TURN over {{transport}} ({{address}}) does not work: {{cause}}. Other paths can be reached.', hint: 'Calls use the other paths. Networks that allow only this path stay without a connection: IT support should check the firewall, proxy or certificate.' },
  },
  'network.rtt-high': {
    de: { text: 'Hohe Laufzeit: {{rtt}} ms hin und zurück über {{transport}} (gut: unter 100 ms).', hint: 'Nutzen Sie ein Kabel statt WLAN oder ein anderes Netz.' },
    en: { text: 'High round trip: {{rtt}} ms over {{transport}} (good: below 100 ms).', hint: 'Use a cable instead of Wi-Fi, or another network.' },
  },
  'network.loss-high': {
    de: { text: 'Paketverlust {{loss}} % (gut: unter 1 %, ab 5 % nicht nutzbar).', hint: 'Gehen Sie näher an den WLAN-Router oder nutzen Sie ein Kabel.' },
    en: { text: 'Packet loss {{loss}} % (good: below 1 %, unusable above 5 %).', hint: 'Move closer to the Wi-Fi router or use a cable.' },
  },
  'network.jitter-high': {
    de: { text: 'Schwankende Laufzeit (Jitter {{jitter}} ms).', hint: 'Beenden Sie große Downloads und Videostreams im selben Netz.' },
    en: { text: 'Unsteady round trip (jitter {{jitter}} ms).', hint: 'Stop large downloads and video streams on the same network.' },
  },
  'network.mos-low': {
    de: { text: 'Geschätzte Gesprächsqualität MOS {{mos}} von 4,5 (gut: ab 3,5).', hint: 'Nutzen Sie ein stabileres Netz.' },
    en: { text: 'Estimated call quality MOS {{mos}} of 4.5 (good: from 3.5).', hint: 'Use a steadier network.' },
  },
  'network.throughput-low': {
    de: { text: 'Durchsatz über den TURN-Server: {{kbps}} kbit/s (für Video mindestens 750).', hint: 'Video wird ruckeln; bei unter 100 kbit/s ist nur noch Telefon sinnvoll.' },
    en: { text: 'Throughput via the TURN server: {{kbps}} kbit/s (video needs at least 750).', hint: 'Video will stutter; below 100 kbit/s only the phone makes sense.' },
  },
  'network.throughput-not-measured': {
    de: { text: 'Der Durchsatz wird nur in der App gemessen (Datenkanal über das Relais).' },
    en: { text: 'Throughput is measured only in the app (data channel through the relay).' },
  },
  'network.ok': {
    de: { text: 'Netz in Ordnung: {{rtt}} ms, Jitter {{jitter}} ms, Verlust {{loss}} %, MOS {{mos}}, {{kbps}} kbit/s.' },
    en: { text: 'Network fine: {{rtt}} ms, jitter {{jitter}} ms, loss {{loss}} %, MOS {{mos}}, {{kbps}} kbit/s.' },
  },
  'hardware.few-cores': {
    de: { text: 'Nur {{cores}} Prozessorkerne: mit Hintergrundunschärfe kann das Bild ruckeln.', hint: 'Für Videoberatung ein Gerät mit mindestens 4 Kernen ausgeben.' },
    en: { text: 'Only {{cores}} processor cores: with background blur the picture may stutter.', hint: 'Issue a device with at least 4 cores for video counselling.' },
  },
  'hardware.little-memory': {
    de: { text: 'Nur {{gib}} GiB Arbeitsspeicher.', hint: 'Für Videoberatung ein Gerät mit mindestens 8 GiB ausgeben.' },
    en: { text: 'Only {{gib}} GiB of memory.', hint: 'Issue a device with at least 8 GiB for video counselling.' },
  },
  'hardware.ok': {
    de: { text: 'Hardware ausreichend: {{cores}} Kerne, {{gib}} GiB Arbeitsspeicher.' },
    en: { text: 'Hardware sufficient: {{cores}} cores, {{gib}} GiB of memory.' },
  },
  'check.permission-denied': {
    de: { text: 'Der Zugriff auf {{device}} wurde verweigert.', hint: 'Erlauben Sie der App den Zugriff in den Datenschutz-Einstellungen des Systems und wiederholen Sie die Prüfung.' },
    en: { text: 'Access to the {{device}} was denied.', hint: 'Allow the app access in the system privacy settings and repeat the check.' },
  },
  'check.device-busy': {
    de: { text: '{{device}} ist belegt oder ließ sich nicht starten.', hint: 'Schließen Sie andere Programme (Teams, Webex, Zoom), die das Gerät nutzen, und wiederholen Sie die Prüfung.' },
    en: { text: 'The {{device}} is busy or failed to start.', hint: 'Close other programs (Teams, Webex, Zoom) using the device and repeat the check.' },
  },
  'check.no-device': {
    de: { text: 'Es wurde kein Gerät gefunden: {{device}}.', hint: 'Schließen Sie das Gerät an und wiederholen Sie die Prüfung.' },
    en: { text: 'No device was found: {{device}}.', hint: 'Connect the device and repeat the check.' },
  },
  'check.model-missing': {
    de: { text: 'Das Erkennungsmodell ließ sich nicht laden.', hint: 'Installieren Sie die App neu; die Modelle gehören zum Lieferumfang.' },
    en: { text: 'The detection model could not be loaded.', hint: 'Reinstall the app; the models ship with it.' },
  },
  'check.failed': {
    de: { text: 'Die Prüfung ist fehlgeschlagen: {{reason}}.', hint: 'Wiederholen Sie die Prüfung; bleibt der Fehler, wenden Sie sich an den IT-Service.' },
    en: { text: 'The check failed: {{reason}}.', hint: 'Repeat the check; if it persists, contact IT support.' },
  },
  'check.app-only': {
    de: { text: 'Diese Prüfung braucht Kamera oder Mikrofon und läuft nur in der App.', hint: 'Öffnen Sie in der App die Geräteprüfung.' },
    en: { text: 'This check needs the camera or microphone and runs only in the app.', hint: 'Open the device check in the app.' },
  },
};

export const CHECK_TITLES: Record<CheckId, Record<ReportLanguage, string>> = {
  headset: { de: 'Headset', en: 'Headset' },
  microphone: { de: 'Mikrofon', en: 'Microphone' },
  camera: { de: 'Kamera', en: 'Camera' },
  background: { de: 'Hintergrund', en: 'Background' },
  network: { de: 'Netzwerk', en: 'Network' },
  hardware: { de: 'Hardware', en: 'Hardware' },
};

export const VERDICT_LABELS: Record<Verdict, Record<ReportLanguage, string>> = {
  bereit: { de: 'bereit', en: 'ready' },
  eingeschraenkt: { de: 'eingeschränkt', en: 'limited' },
  'nicht-bereit': { de: 'nicht bereit', en: 'not ready' },
};

/** The words for a probe's cause (causes.ts), filled in wherever a finding has a `cause` param. */
export const CAUSE_MESSAGES: Record<ProbeCause, Record<ReportLanguage, string>> = {
  timeout: { de: 'keine Antwort (Zeitüberschreitung; eine Firewall verwirft die Pakete oder der Dienst läuft nicht)', en: 'no answer (timeout; a firewall drops the packets or the service is not running)' },
  refused: { de: 'Verbindung abgelehnt (an dieser Adresse lauscht kein Dienst)', en: 'connection refused (no service listens at this address)' },
  dns: { de: 'der Name lässt sich nicht auflösen (DNS)', en: 'the name cannot be resolved (DNS)' },
  unreachable: { de: 'das Netz oder der Rechner ist nicht erreichbar', en: 'the network or host is unreachable' },
  reset: { de: 'die Verbindung wurde unterbrochen', en: 'the connection was cut off' },
  forbidden: { de: 'das System verbietet die Verbindung (Firewall oder Richtlinie auf diesem Gerät)', en: 'the system forbids the connection (firewall or policy on this device)' },
  'blocked-port': { de: 'dieser Port ist für Web-Verbindungen gesperrt; der Server muss einen anderen nutzen', en: 'this port is barred for web connections; the server must use another one' },
  'tls-certificate': { de: 'das Zertifikat des Servers ist nicht vertrauenswürdig, abgelaufen oder für einen anderen Namen ausgestellt', en: 'the server certificate is not trusted, has expired or was issued for another name' },
  'tls-handshake': { de: 'die verschlüsselte Verbindung (TLS) kam nicht zustande', en: 'the encrypted connection (TLS) could not be set up' },
  'not-stun': { de: 'an der Adresse antwortet ein anderer Dienst, kein TURN-Server', en: 'another service answers at this address, not a TURN server' },
  'http-error': { de: 'der Server antwortet mit einem Fehler', en: 'the server answers with an error' },
  'no-relay': { de: 'über das Relais kam keine Verbindung zustande', en: 'no connection could be made through the relay' },
  other: { de: 'unbekannter Fehler', en: 'unknown error' },
};

const NUMBER_LOCALES: Record<ReportLanguage, string> = { de: 'de-DE', en: 'en-GB' };

/** Numbers in the reader's format (0,5 in German); a `cause` becomes its sentence. */
const fill = (template: string, params: Finding['params'], language: ReportLanguage): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) return '';
    if (typeof value === 'number') return value.toLocaleString(NUMBER_LOCALES[language], { maximumFractionDigits: 2 });
    if (key === 'cause' && isProbeCause(value)) return CAUSE_MESSAGES[value][language];
    return value;
  });

/** A report's timestamp for reading: the reader's date format, with the zone (GMT+1), since laptops roam. */
export const formatTimestamp = (iso: string, language: ReportLanguage): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(NUMBER_LOCALES[language], { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'shortOffset' });
};

/** A figure for reading (the report's JSON keeps the raw value). */
export const formatFigure = (value: Figure, language: ReportLanguage): string =>
  value === null ? '–' : typeof value === 'number' ? value.toLocaleString(NUMBER_LOCALES[language], { maximumFractionDigits: 2 }) : typeof value === 'boolean' ? (language === 'de' ? (value ? 'ja' : 'nein') : value ? 'yes' : 'no') : value;

export interface FindingText {
  readonly text: string;
  readonly hint: string | null;
}

export function describeFinding(finding: Finding, language: ReportLanguage): FindingText {
  const entry = FINDING_MESSAGES[finding.code];
  if (!entry) return { text: finding.code, hint: null };
  const message = entry[language];
  return { text: fill(message.text, finding.params, language), hint: message.hint ? fill(message.hint, finding.params, language) : null };
}
