// Phase timings of a build, for operators sizing a large site: `nianbao build --timings` prints how long each
// phase took (wall time; phases on worker threads overlap the others). Off by default: builds print nothing extra.
export interface Phase {
  name: string;
  ms: number;
}

const phases: Phase[] = [];
let enabled = false;

export function enableTimings(on = true): void {
  enabled = on;
  phases.length = 0;
}

/** Times `fn` (sync or async) as the phase `name` when timings are on. */
export function timed<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  const t = performance.now();
  const done = () => phases.push({ name, ms: Math.round(performance.now() - t) });
  const r = fn();
  if (r instanceof Promise) return r.finally(done) as T;
  done();
  return r;
}

export const recordedPhases = (): readonly Phase[] => phases;
