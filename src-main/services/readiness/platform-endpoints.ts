/**
 * What the operating system itself knows about the audio outputs, the strongest headset signal there is:
 *  - Windows: the driver sets PKEY_AudioEndpoint_FormFactor ({1da5d803-d492-4edd-8c23-e0c0ffee7f0e},0) to
 *    Speakers, Headphones, Headset, … A small PowerShell query reads it for every present endpoint; render
 *    endpoints have instance ids under {0.0.0.…}, capture endpoints under {0.0.1.…}.
 *  - macOS: `system_profiler SPAudioDataType -json` gives CoreAudio's transport and the built-in output's data
 *    source (see `macFormFactor`); no native module needed.
 *  - Elsewhere (Linux) there is no such property; labels and the acoustic test decide.
 */
import { execFile } from 'node:child_process';
import { parseMacAudioProfile, parseWindowsEndpoints, type PlatformEndpoint } from '../../../src-shared/readiness/audio-devices.js';

export const ENDPOINT_QUERY = [
  "$key = '{1da5d803-d492-4edd-8c23-e0c0ffee7f0e} 0'",
  'Get-PnpDevice -Class AudioEndpoint -PresentOnly | ForEach-Object {',
  '  $p = Get-PnpDeviceProperty -InstanceId $_.InstanceId -KeyName $key -ErrorAction SilentlyContinue',
  "  [pscustomobject]@{ FriendlyName = $_.FriendlyName; FormFactor = $(if ($p -and $p.Data -ne $null) { [int]$p.Data } else { $null }); Flow = $(if ($_.InstanceId -like '*{0.0.0.*') { 'render' } else { 'capture' }) }",
  '} | ConvertTo-Json -Compress',
].join('\n');

/** Runs a platform tool and returns its standard output. */
export type ToolRunner = (file: string, args: readonly string[]) => Promise<string>;

export const runTool: ToolRunner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 15_000, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

export type EndpointQuery =
  | { available: true; endpoints: PlatformEndpoint[] }
  | { available: false; reason: 'unsupported-platform' | 'query-failed'; detail?: string };

export async function queryAudioEndpoints(platform: NodeJS.Platform = process.platform, run: ToolRunner = runTool): Promise<EndpointQuery> {
  try {
    if (platform === 'win32') {
      const out = (await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', ENDPOINT_QUERY])).trim();
      // No endpoint at all: ConvertTo-Json prints nothing.
      return { available: true, endpoints: out ? parseWindowsEndpoints(JSON.parse(out)) : [] };
    }
    if (platform === 'darwin') {
      // -detailLevel mini leaves out serial numbers and other details the check does not need.
      const out = await run('/usr/sbin/system_profiler', ['SPAudioDataType', '-json', '-detailLevel', 'mini']);
      return { available: true, endpoints: parseMacAudioProfile(JSON.parse(out)) };
    }
    return { available: false, reason: 'unsupported-platform' };
  } catch (error) {
    return { available: false, reason: 'query-failed', detail: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200) };
  }
}
