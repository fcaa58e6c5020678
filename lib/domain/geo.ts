/** Small-distance geometry on WGS84 coordinates, good to a metre or so within a district. */

const EARTH_RADIUS_M = 6_371_008.8;
type LngLat = readonly [number, number];

/** Metres between a point and a line string ([lng, lat] pairs), on a local equirectangular projection. */
export function distanceToLineM(point: LngLat, line: readonly LngLat[]): number {
  if (line.length === 0) return Infinity;
  const rad = Math.PI / 180;
  const kx = Math.cos(point[1] * rad) * rad * EARTH_RADIUS_M;
  const ky = rad * EARTH_RADIUS_M;
  const px = point[0] * kx;
  const py = point[1] * ky;
  let best = Infinity;
  for (let i = 0; i < line.length; i++) {
    const a = line[i]!;
    const b = line[Math.min(i + 1, line.length - 1)]!;
    const ax = a[0] * kx;
    const ay = a[1] * ky;
    const dx = b[0] * kx - ax;
    const dy = b[1] * ky - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
    best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
  }
  return best;
}

/** The closest of the candidates within `maxM` metres, or null. Candidates without geometry are skipped. */
export function nearestLine<T extends { coordinates: readonly LngLat[] | null }>(point: LngLat, candidates: readonly T[], maxM: number): { item: T; distanceM: number } | null {
  let best: { item: T; distanceM: number } | null = null;
  for (const item of candidates) {
    if (!item.coordinates) continue;
    const d = distanceToLineM(point, item.coordinates);
    if (d <= maxM && (!best || d < best.distanceM)) best = { item, distanceM: d };
  }
  return best;
}
