/** Shown when the back office cannot be reached before i18n is up: German first, English second. */
export function StartupError({ message }: { message: string }) {
  return (
    <main className="startup-error" aria-labelledby="startup-error-title">
      <h1 id="startup-error-title">Beratungsraum kann nicht starten</h1>
      <p role="alert">{message}</p>
      <p lang="en">Beratungsraum cannot start: the background service is not reachable. Start the app again with “npm start”.</p>
    </main>
  );
}
