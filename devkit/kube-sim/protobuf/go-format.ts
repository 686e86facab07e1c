/** Text forms of Go values the apiserver's JSON uses for types that protobuf carries as numbers. */

/** metav1.Time: RFC 3339 with whole seconds. */
export function rfc3339Seconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
export function rfc3339Micro(seconds: number, nanos: number): string {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

function trimFraction(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

/** metav1.Duration: Go's time.Duration.String() ("1h0m0s", "1m30s", "1.5s", "500ms", "0s"). */
export function goDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  const ns = Math.abs(nanoseconds);
  if (ns < 1_000) return `${sign}${ns}ns`;
  if (ns < 1_000_000) return `${sign}${trimFraction(ns / 1_000, 3)}µs`;
  if (ns < 1_000_000_000) return `${sign}${trimFraction(ns / 1_000_000, 6)}ms`;
  const totalSeconds = ns / 1_000_000_000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = trimFraction(totalSeconds % 60, 9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
