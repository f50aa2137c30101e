/**
 * Windows knows what an audio endpoint is: the driver sets PKEY_AudioEndpoint_FormFactor
 * ({1da5d803-d492-4edd-8c23-e0c0ffee7f0e},0) to Speakers, Headphones, Headset, … A small PowerShell query reads it
 * for every present endpoint; render endpoints have instance ids under {0.0.0.…}, capture endpoints under {0.0.1.…}.
 * Elsewhere there is no such property (macOS would need CoreAudio's transport type from native code).
 */
import { execFile } from 'node:child_process';
import { parseWindowsEndpoints, type PlatformEndpoint } from '../../../src-shared/readiness/audio-devices.js';

export const ENDPOINT_QUERY = [
  "$key = '{1da5d803-d492-4edd-8c23-e0c0ffee7f0e} 0'",
  'Get-PnpDevice -Class AudioEndpoint -PresentOnly | ForEach-Object {',
  '  $p = Get-PnpDeviceProperty -InstanceId $_.InstanceId -KeyName $key -ErrorAction SilentlyContinue',
  "  [pscustomobject]@{ FriendlyName = $_.FriendlyName; FormFactor = $(if ($p -and $p.Data -ne $null) { [int]$p.Data } else { $null }); Flow = $(if ($_.InstanceId -like '*{0.0.0.*') { 'render' } else { 'capture' }) }",
  '} | ConvertTo-Json -Compress',
].join('\n');

export type PowerShellRunner = (script: string) => Promise<string>;

export const runPowerShell: PowerShellRunner = (script) =>
  new Promise((resolve, reject) => {
    execFile('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script], { timeout: 15_000, windowsHide: true }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });

export type EndpointQuery = { available: true; endpoints: PlatformEndpoint[] } | { available: false; reason: 'not-windows' | 'query-failed'; detail?: string };

export async function queryAudioEndpoints(platform: NodeJS.Platform = process.platform, run: PowerShellRunner = runPowerShell): Promise<EndpointQuery> {
  if (platform !== 'win32') return { available: false, reason: 'not-windows' };
  try {
    const out = (await run(ENDPOINT_QUERY)).trim();
    // No endpoint at all: ConvertTo-Json prints nothing.
    return { available: true, endpoints: out ? parseWindowsEndpoints(JSON.parse(out)) : [] };
  } catch (error) {
    return { available: false, reason: 'query-failed', detail: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200) };
  }
}
