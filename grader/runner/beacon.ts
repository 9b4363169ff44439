/**
 * The hang beacon: what the grading child is doing right now (its phase), and the latest live
 * status line of a long check, written synchronously to a file the grader reads. A learner's
 * endless loop blocks the child completely, so it can send nothing more; the file still says
 * which check was running when the grader stopped it.
 *
 * The file holds the phase as JSON on its first line and the status line, if any, on the second.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Phase } from '../core/report.ts';

export interface BeaconWriter {
  phase(phase: Phase): void;
  status(line: string): void;
}

export function beaconWriter(file: string): BeaconWriter {
  let phaseLine = JSON.stringify({ kind: 'start' } satisfies Phase);
  return {
    phase(phase) {
      phaseLine = JSON.stringify(phase);
      writeFileSync(file, phaseLine);
    },
    status(line) {
      writeFileSync(file, `${phaseLine}\n${line.replace(/\n/g, ' ')}`);
    },
  };
}

export interface BeaconReading {
  phase: Phase;
  status?: string;
  /** When the child last wrote it (ms since the epoch). */
  writtenAt: number;
}

/** The beacon as the child last wrote it; undefined before its first write. */
export function readBeacon(file: string): BeaconReading | undefined {
  try {
    const writtenAt = statSync(file).mtimeMs;
    const [phase, status] = readFileSync(file, 'utf8').split('\n');
    return { phase: JSON.parse(phase) as Phase, status: status || undefined, writtenAt };
  } catch {
    return undefined;
  }
}
