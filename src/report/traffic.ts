// The run's traffic in words, as every rendering shows it: how many requests went at once and how
// that moved, second attempts, throttling. It renders `report.traffic`; it decides nothing.
import type { Traffic } from '../result/model';

/** "adaptive: started at 32, 8–256 over the run (ceiling 256), peak 256" or "fixed at 32". */
export function inFlightWords(traffic: Traffic): string {
  const f = traffic.inFlight;
  if (f.mode === 'fixed') return f.min === f.max ? `fixed at ${f.ceiling}` : `fixed at ${f.ceiling}, ${f.min} while throttled`;
  const range = f.min === f.max ? `${f.min} throughout` : `${f.min}–${f.max} over the run`;
  return `adaptive: started at ${f.start}, ${range} (ceiling ${f.ceiling}), peak ${f.peak}`;
}

/** Why the limit moved, most often first: "fast ×41, slowing ×20". */
export function reasonWords(traffic: Traffic): string {
  return Object.entries(traffic.inFlight.reasons)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([why, n]) => `${why} ×${n}`)
    .join(', ');
}

/** The line every summary carries: in flight, and second attempts and throttling when there were any. */
export function trafficLine(traffic: Traffic): string {
  const parts = [`in flight ${inFlightWords(traffic)}`];
  if (traffic.retries > 0) parts.push(`${traffic.retries} sent again on a fresh connection (the server had closed a kept-alive one)`);
  if (traffic.throttled > 0) parts.push(`${traffic.throttled} throttled answers waited out`);
  return parts.join('; ');
}
