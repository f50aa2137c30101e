/**
 * Telling a headset from open speakers by every signal there is, before the acoustic test settles it:
 * the platform's own form factor (Windows: the audio endpoint's PKEY_AudioEndpoint_FormFactor), the device label,
 * and the groupId (input and output of one physical device share it in Chromium).
 */
import { z } from 'zod';

export const AudioDeviceInfo = z.object({
  kind: z.enum(['audioinput', 'audiooutput']),
  deviceId: z.string().max(500),
  groupId: z.string().max(500),
  label: z.string().max(300),
});
export type AudioDeviceInfo = z.infer<typeof AudioDeviceInfo>;

/** EndpointFormFactor (mmdeviceapi.h) values, as Windows reports them. */
export const WINDOWS_FORM_FACTORS = [
  'RemoteNetworkDevice',
  'Speakers',
  'LineLevel',
  'Headphones',
  'Microphone',
  'Headset',
  'Handset',
  'UnknownDigitalPassthrough',
  'SPDIF',
  'DigitalAudioDisplayDevice',
  'UnknownFormFactor',
] as const;

export const PlatformEndpoint = z.object({
  name: z.string().max(300),
  formFactor: z.enum(WINDOWS_FORM_FACTORS),
  flow: z.enum(['render', 'capture']),
});
export type PlatformEndpoint = z.infer<typeof PlatformEndpoint>;

export type DeviceClass = 'headset' | 'speakers' | 'unknown';

export interface Signal {
  /** model-list: a known speakerphone (SPEAKERPHONE_MODELS). */
  readonly source: 'platform' | 'model-list' | 'label' | 'group';
  readonly suggests: DeviceClass;
  readonly detail: string;
}

/**
 * Speakerphones (conference speakers) by model name, kept up to date here: they are open speakers — everyone in
 * the room hears the customer — and their hardware echo cancelling removes our test tones from their own
 * microphone, so the acoustic test alone would take them for a headset. Windows' form factor cannot tell them
 * apart (they report Speakers, Headset or nothing, by vendor). Brands alone say nothing: Jabra, Poly, EPOS and
 * Sennheiser make both.
 */
export const SPEAKERPHONE_MODELS: readonly RegExp[] = [
  /jabra speak\b/i,
  /jabra panacast/i,
  /\bpoly sync\b/i,
  /polycom (cx|calisto)/i,
  /plantronics calisto/i,
  /\bepos expand\b/i,
  /sennheiser (sp ?\d|expand)/i,
  /yealink cp\d/i,
  /anker powerconf/i,
  /emeet (luna|m[0-3]\b|officecore)/i,
  /konftel/i,
  /logitech (p710e|mobile speakerphone)/i,
  /beyerdynamic phonum/i,
  /clearone chat/i,
  /speaker ?phone|konferenzlautsprecher|freisprecheinrichtung/i,
];

const HEADSET_WORDS = /head ?set|head ?phones?|kopfh(ö|oe)rer|ear ?(buds?|phones?)|airpods|jabra (evolve|engage|biz|elite|talk)|(poly|plantronics) (voyager|blackwire|savi|encorepro|mda)|epos (adapt|impact)|sennheiser (sc ?\d|adapt|mb ?\d|pc ?\d)|logitech (h\d|zone)|bose (qc|quietcomfort)|hands-?free/i;
const SPEAKER_WORDS = /speakers?|lautsprecher|realtek|high definition audio|intel.*smart sound|built-?in|integriert|internal|hdmi|displayport|monitor/i;

export function labelSignal(label: string): Signal | null {
  if (!label) return null;
  if (SPEAKERPHONE_MODELS.some((model) => model.test(label))) return { source: 'model-list', suggests: 'speakers', detail: label };
  if (HEADSET_WORDS.test(label)) return { source: 'label', suggests: 'headset', detail: label };
  if (SPEAKER_WORDS.test(label)) return { source: 'label', suggests: 'speakers', detail: label };
  return null;
}

/** Windows names endpoints "Kopfhörer (Jabra Evolve 65)"; Chromium labels them the same way, so match by name. */
function platformSignal(label: string, endpoints: readonly PlatformEndpoint[]): Signal | null {
  const hit = endpoints.find((e) => e.flow === 'render' && label.length > 0 && (label.includes(e.name) || e.name.includes(label)));
  if (!hit) return null;
  if (hit.formFactor === 'Headset' || hit.formFactor === 'Headphones' || hit.formFactor === 'Handset') {
    return { source: 'platform', suggests: 'headset', detail: hit.formFactor };
  }
  if (hit.formFactor === 'Speakers' || hit.formFactor === 'DigitalAudioDisplayDevice' || hit.formFactor === 'LineLevel') {
    return { source: 'platform', suggests: 'speakers', detail: hit.formFactor };
  }
  return null;
}

export interface Classification {
  readonly outputClass: DeviceClass;
  readonly signals: readonly Signal[];
  /** The chosen microphone and output belong to one physical device (same groupId). */
  readonly sameDevice: boolean;
}

/**
 * A known speakerphone model is open speakers; else the platform's form factor wins when present (the driver
 * knows what it is); otherwise labels vote, and a microphone in the same group as the output lends its label (a
 * headset's mic is often the better-named side).
 */
export function classifyOutput(output: AudioDeviceInfo | undefined, input: AudioDeviceInfo | undefined, endpoints: readonly PlatformEndpoint[] = []): Classification {
  const signals: Signal[] = [];
  const sameDevice = !!output && !!input && output.groupId !== '' && output.groupId === input.groupId;
  if (output) {
    const platform = platformSignal(output.label, endpoints);
    if (platform) signals.push(platform);
    const label = labelSignal(output.label);
    if (label) signals.push(label);
  }
  if (sameDevice && input) {
    const inputLabel = labelSignal(input.label);
    if (inputLabel) signals.push(inputLabel.source === 'model-list' ? inputLabel : { ...inputLabel, source: 'group' });
  }
  // A known speakerphone is open speakers whatever its driver reports; otherwise the platform's form factor wins.
  const speakerphone = signals.find((s) => s.source === 'model-list');
  if (speakerphone) return { outputClass: 'speakers', signals, sameDevice };
  const platform = signals.find((s) => s.source === 'platform');
  if (platform) return { outputClass: platform.suggests, signals, sameDevice };
  const votes = new Set(signals.map((s) => s.suggests));
  const outputClass: DeviceClass = votes.size === 1 ? (signals[0]?.suggests ?? 'unknown') : 'unknown';
  return { outputClass, signals, sameDevice };
}

/** The JSON the Windows PowerShell query prints (see src-main/services/readiness/platform-endpoints.ts). */
export const WindowsEndpointQueryOutput = z.array(
  z.object({ FriendlyName: z.string().nullable(), FormFactor: z.number().int().nullable(), Flow: z.enum(['render', 'capture']) }),
);

export function parseWindowsEndpoints(json: unknown): PlatformEndpoint[] {
  // ConvertTo-Json prints a single object (not an array) when there is only one endpoint.
  const list = WindowsEndpointQueryOutput.parse(Array.isArray(json) ? json : [json]);
  return list
    .filter((e) => e.FriendlyName)
    .map((e) => ({
      name: e.FriendlyName as string,
      flow: e.Flow,
      formFactor: WINDOWS_FORM_FACTORS[e.FormFactor ?? 10] ?? 'UnknownFormFactor',
    }));
}

/** The part of `system_profiler SPAudioDataType -json` we read (see src-main/services/readiness/platform-endpoints.ts). */
export const MacAudioProfile = z.object({
  SPAudioDataType: z.array(
    z.object({
      _items: z
        .array(
          z.object({
            _name: z.string(),
            coreaudio_device_transport: z.string().optional(),
            coreaudio_output_source: z.string().optional(),
            coreaudio_device_output: z.number().optional(),
            coreaudio_device_input: z.number().optional(),
          }),
        )
        .optional(),
    }),
  ),
});

/**
 * macOS has no form factor, but CoreAudio names each device's transport and, for the built-in output, its data
 * source: the jack reports "Headphones" when something is plugged in. Built-in without headphones and display
 * outputs (HDMI, DisplayPort, AirPlay) are open speakers; USB and Bluetooth can be either (a Bluetooth box is a
 * speaker too), so they stay unknown and the labels and the acoustic loopback test decide.
 */
export function macFormFactor(transport: string, outputSource: string): (typeof WINDOWS_FORM_FACTORS)[number] {
  const kind = transport.replace(/^coreaudio_device_type_/, '');
  if (kind === 'builtin') return /head ?phones?|kopfh(ö|oe)rer/i.test(outputSource) ? 'Headphones' : 'Speakers';
  if (kind === 'hdmi' || kind === 'displayport' || kind === 'airplay') return 'DigitalAudioDisplayDevice';
  return 'UnknownFormFactor';
}

export function parseMacAudioProfile(json: unknown): PlatformEndpoint[] {
  const endpoints: PlatformEndpoint[] = [];
  for (const group of MacAudioProfile.parse(json).SPAudioDataType) {
    for (const item of group._items ?? []) {
      const formFactor = macFormFactor(item.coreaudio_device_transport ?? '', item.coreaudio_output_source ?? '');
      if ((item.coreaudio_device_output ?? 0) > 0) endpoints.push({ name: item._name, flow: 'render', formFactor });
      if ((item.coreaudio_device_input ?? 0) > 0) endpoints.push({ name: item._name, flow: 'capture', formFactor });
    }
  }
  return endpoints;
}
