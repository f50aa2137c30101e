import { useState } from 'react';
import { bridge } from '../bridge/index.js';

/** "Abmelden" from the server, wherever it is offered (status bar, Einstellungen): disabled while it runs, so one click signs out once. */
export function SignOutButton({ label, className }: { readonly label: string; readonly className?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={className}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void bridge.call['serverSession.signOut']({}).finally(() => setBusy(false));
      }}
    >
      {label}
    </button>
  );
}
