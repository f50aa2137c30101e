; Included by electron-builder's NSIS script (electron-builder.yml: nsis.include).
; The managed policy file %ProgramData%\Beratungsraum\policy.json must be writable by administrators only:
; by default, members of "Users" may create files below %ProgramData%, which would let any user set policy.
; SIDs instead of group names, because the names are localised (Administratoren, Benutzer …).
!macro customInstall
  SetShellVarContext all
  CreateDirectory "$APPDATA\Beratungsraum"
  ; Drop inherited entries; Administrators (S-1-5-32-544) and SYSTEM (S-1-5-18) full, Users (S-1-5-32-545) read.
  nsExec::ExecToLog 'icacls "$APPDATA\Beratungsraum" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
!macroend
