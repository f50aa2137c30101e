/** OS, CPU and memory of this machine, via systeminformation (maintained, no native build). */
import si from 'systeminformation';
import type { Figure } from '../../../src-shared/readiness/report.js';
import type { HardwareFacts } from '../../../src-shared/readiness/rules.js';

export interface HardwareReading {
  readonly facts: HardwareFacts;
  /** Figures for the report: the machine, never its user. */
  readonly figures: Record<string, Figure>;
}

export async function readHardware(): Promise<HardwareReading> {
  const [os, cpu, mem, system] = await Promise.all([si.osInfo(), si.cpu(), si.mem(), si.system()]);
  const facts: HardwareFacts = {
    os: `${os.distro} ${os.release}`.trim(),
    cpuModel: `${cpu.manufacturer} ${cpu.brand}`.trim(),
    physicalCores: cpu.physicalCores,
    logicalCores: cpu.cores,
    memoryGiB: mem.total / 1024 ** 3,
  };
  return {
    facts,
    figures: {
      os: facts.os.slice(0, 200),
      arch: os.arch,
      // The host name lets IT support match the report to the laptop in a fleet roll-out; it names no customer.
      hostname: os.hostname.slice(0, 200),
      model: `${system.manufacturer} ${system.model}`.trim().slice(0, 200),
      cpu: facts.cpuModel.slice(0, 200),
      cpuSpeedGHz: cpu.speed,
      physicalCores: facts.physicalCores,
      logicalCores: facts.logicalCores,
      memoryGiB: Math.round(facts.memoryGiB * 10) / 10,
    },
  };
}
