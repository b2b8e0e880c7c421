/**
 * Geospatial query operators on a sphere, as CloudBase's `geoNear`, `geoWithin` and `geoIntersects` send
 * them (MongoDB's `$nearSphere`, `$geoWithin`, `$geoIntersects` with GeoJSON, see @cloudbase/database's
 * serializer/query.js). mingo has none of them.
 *
 * Supported, and nothing else (anything else is refused with an error, never silently mismatched):
 *  - stored values: GeoJSON Points (`{ type: 'Point', coordinates: [lng, lat] }`, what `db.Geo.Point`
 *    stores), legacy `[lng, lat]` pairs, and arrays of those (a document matches when any point does).
 *    Stored LineStrings and Polygons never match (MongoDB would intersect them; not needed here);
 *  - `$nearSphere: { $geometry: Point, $maxDistance?, $minDistance? }`, distances in metres;
 *  - `$geoWithin: { $geometry: Polygon | MultiPolygon }` and `$geoWithin: { $centerSphere: [[lng, lat], r] }`
 *    with r in radians;
 *  - `$geoIntersects: { $geometry: Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon }`.
 *
 * Geometry is spherical, as MongoDB's 2dsphere: polygon edges and line segments are great-circle arcs,
 * distances are great-circle distances on a sphere of MongoDB's Earth radius. Polygons must be smaller
 * than a hemisphere (MongoDB's rule without a custom CRS); holes are honoured. A point on a polygon's
 * boundary is inside for both `$geoWithin` and `$geoIntersects` (undocumented for `$geoWithin`: chosen).
 */
import { isPlainObject, valuesAt } from './codec';

/** MongoDB's Earth radius for spherical distances (kRadiusOfEarthInMeters). */
export const EARTH_RADIUS_METRES = 6_378_100;

export type Position = readonly [number, number];
type Vector = readonly [number, number, number];

/** Points closer than this angle (radians, about 6 µm on Earth) are the same point, or on the edge. */
const EPSILON = 1e-12;

export class GeoError extends Error {}

function fail(message: string): never {
  throw new GeoError(message);
}

function position(value: unknown, what: string): Position {
  if (!Array.isArray(value) || value.length < 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number') {
    fail(`${what}: a position must be [longitude, latitude]`);
  }
  const [lng, lat] = value as [number, number];
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    fail(`${what}: longitude/latitude is out of bounds (${lng}, ${lat})`);
  }
  return [lng, lat];
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(value[0] as number) <= 180 &&
    Math.abs(value[1] as number) <= 90
  );
}

function toVector([lng, lat]: Position): Vector {
  const phi = (lat * Math.PI) / 180;
  const lambda = (lng * Math.PI) / 180;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

const dot = (a: Vector, b: Vector): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vector, b: Vector): Vector => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vector): number => Math.sqrt(dot(a, a));

/** Great-circle angle between two positions, in radians (atan2 form: exact for tiny and antipodal angles). */
export function angularDistance(a: Position, b: Position): number {
  const u = toVector(a);
  const v = toVector(b);
  return Math.atan2(norm(cross(u, v)), dot(u, v));
}

/** Great-circle distance in metres. */
export function distanceMetres(a: Position, b: Position): number {
  return angularDistance(a, b) * EARTH_RADIUS_METRES;
}

/** Whether p lies on the great-circle arc from a to b (the shorter one). */
function onArc(p: Vector, a: Vector, b: Vector): boolean {
  const normal = cross(a, b);
  const length = norm(normal);
  if (length < EPSILON) return norm(cross(p, a)) < EPSILON && dot(p, a) > 0;
  if (Math.abs(dot(p, normal)) / length > EPSILON) return false;
  return dot(cross(a, p), normal) >= 0 && dot(cross(p, b), normal) >= 0 && dot(p, a) + dot(p, b) > 0;
}

/** A closed ring: at least 4 positions, the last equal to the first (GeoJSON's rule, enforced by MongoDB). */
function ring(value: unknown, what: string): Vector[] {
  if (!Array.isArray(value) || value.length < 4) fail(`${what}: a polygon ring needs at least 4 positions`);
  const positions = value.map((item) => position(item, what));
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) fail(`${what}: a polygon ring must be closed (last position equal to the first)`);
  return positions.map(toVector);
}

type RingSide = 'inside' | 'outside' | 'boundary';

/**
 * Where p lies relative to a ring, by its winding number on the sphere: the signed angles between
 * successive vertices as seen from p, in p's tangent plane, add up to ±2π inside and 0 outside (for
 * rings smaller than a hemisphere).
 */
function sideOfRing(p: Vector, vertices: Vector[]): RingSide {
  let total = 0;
  for (let i = 0; i + 1 < vertices.length; i += 1) {
    const a = vertices[i];
    const b = vertices[i + 1];
    if (onArc(p, a, b)) return 'boundary';
    const ta = tangent(a, p);
    const tb = tangent(b, p);
    total += Math.atan2(dot(cross(ta, tb), p), dot(ta, tb));
  }
  return Math.abs(total) > Math.PI ? 'inside' : 'outside';
}

/** Component of v orthogonal to p (the direction of v seen from p). */
function tangent(v: Vector, p: Vector): Vector {
  const k = dot(v, p);
  return [v[0] - k * p[0], v[1] - k * p[1], v[2] - k * p[2]];
}

function polygon(value: unknown, what: string): Vector[][] {
  if (!Array.isArray(value) || value.length === 0) fail(`${what}: a polygon needs at least one ring`);
  return value.map((item) => ring(item, what));
}

/** Inside the outer ring (boundary included) and not strictly inside any hole. */
function inPolygon(p: Vector, rings: Vector[][]): boolean {
  const [outer, ...holes] = rings;
  if (sideOfRing(p, outer) === 'outside') return false;
  return holes.every((hole) => sideOfRing(p, hole) !== 'inside');
}

function line(value: unknown, what: string): Vector[] {
  if (!Array.isArray(value) || value.length < 2) fail(`${what}: a LineString needs at least 2 positions`);
  return value.map((item) => toVector(position(item, what)));
}

function onLine(p: Vector, vertices: Vector[]): boolean {
  for (let i = 0; i + 1 < vertices.length; i += 1) if (onArc(p, vertices[i], vertices[i + 1])) return true;
  return false;
}

function samePoint(p: Vector, q: Vector): boolean {
  return norm(cross(p, q)) < EPSILON && dot(p, q) > 0;
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) fail(`${what}: coordinates must be a non-empty list`);
  return value;
}

/** A GeoJSON query geometry compiled to a point predicate; `within` says whether it may enclose points. */
function geometryPredicate(geometry: unknown, what: string, allowed: ReadonlySet<string>): (p: Vector) => boolean {
  if (!isPlainObject(geometry) || typeof geometry.type !== 'string') fail(`${what}: $geometry must be a GeoJSON object`);
  const { type, coordinates } = geometry;
  if (!allowed.has(type)) fail(`${what}: $geometry of type ${type} is not supported here`);
  switch (type) {
    case 'Point': {
      const q = toVector(position(coordinates, what));
      return (p) => samePoint(p, q);
    }
    case 'MultiPoint': {
      const qs = listOf(coordinates, what).map((item) => toVector(position(item, what)));
      return (p) => qs.some((q) => samePoint(p, q));
    }
    case 'LineString': {
      const vertices = line(coordinates, what);
      return (p) => onLine(p, vertices);
    }
    case 'MultiLineString': {
      const lines = listOf(coordinates, what).map((item) => line(item, what));
      return (p) => lines.some((vertices) => onLine(p, vertices));
    }
    case 'Polygon': {
      const rings = polygon(coordinates, what);
      return (p) => inPolygon(p, rings);
    }
    case 'MultiPolygon': {
      const polygons = listOf(coordinates, what).map((item) => polygon(item, what));
      return (p) => polygons.some((rings) => inPolygon(p, rings));
    }
    default:
      return fail(`${what}: unknown GeoJSON type ${type}`);
  }
}

/** The points a stored value holds: a GeoJSON Point, a legacy pair, or a list of either. */
export function pointsOf(value: unknown): Position[] {
  if (isPlainObject(value)) {
    return value.type === 'Point' && isPosition(value.coordinates) ? [value.coordinates] : [];
  }
  if (isPosition(value)) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => (Array.isArray(item) && !isPosition(item) ? [] : pointsOf(item)));
  return [];
}

/** The points stored at a dotted path of a document (traversing arrays of sub-documents like MongoDB). */
export function pointsAt(doc: unknown, field: string): Position[] {
  return valuesAt(doc, field).flatMap(pointsOf);
}

const POLYGONS = new Set(['Polygon', 'MultiPolygon']);
const ALL_GEOMETRIES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

export interface NearSpec {
  centre: Position;
  minMetres: number;
  maxMetres: number;
}

function metres(value: unknown, what: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${what} must be a non-negative number of metres`);
  return value;
}

/** Parses `$nearSphere`'s argument (GeoJSON form only: the SDK never sends the legacy one). */
export function nearSpec(spec: unknown): NearSpec {
  if (!isPlainObject(spec) || !isPlainObject(spec.$geometry)) fail('$nearSphere needs { $geometry: Point, $maxDistance?, $minDistance? }');
  const geometry = spec.$geometry;
  if (geometry.type !== 'Point') fail('$nearSphere: $geometry must be a Point');
  return {
    centre: position(geometry.coordinates, '$nearSphere'),
    minMetres: metres(spec.$minDistance, '$minDistance', 0),
    maxMetres: metres(spec.$maxDistance, '$maxDistance', Infinity),
  };
}

/** Distance in metres from the centre to the nearest stored point within the bounds, if any. */
export function nearDistance(points: Position[], near: NearSpec): number | undefined {
  let best: number | undefined;
  for (const point of points) {
    const d = distanceMetres(near.centre, point);
    if (d >= near.minMetres && d <= near.maxMetres && (best === undefined || d < best)) best = d;
  }
  return best;
}

/** Compiles `$geoWithin`'s argument into a predicate on a stored position. */
export function withinPredicate(spec: unknown): (point: Position) => boolean {
  if (!isPlainObject(spec)) fail('$geoWithin needs { $geometry } or { $centerSphere }');
  const keys = Object.keys(spec);
  if (keys.length !== 1) fail('$geoWithin takes exactly one shape');
  if (keys[0] === '$geometry') {
    const inside = geometryPredicate(spec.$geometry, '$geoWithin', POLYGONS);
    return (point) => inside(toVector(point));
  }
  if (keys[0] === '$centerSphere') {
    const args = spec.$centerSphere;
    if (!Array.isArray(args) || args.length !== 2) fail('$centerSphere needs [[longitude, latitude], radius in radians]');
    const centre = position(args[0], '$centerSphere');
    const radius = args[1];
    if (typeof radius !== 'number' || !Number.isFinite(radius) || radius < 0) fail('$centerSphere radius must be a non-negative number of radians');
    return (point) => angularDistance(centre, point) <= radius;
  }
  return fail(`$geoWithin: ${keys[0]} is not supported (use $geometry or $centerSphere)`);
}

/** Compiles `$geoIntersects`'s argument into a predicate on a stored position. */
export function intersectsPredicate(spec: unknown): (point: Position) => boolean {
  if (!isPlainObject(spec) || Object.keys(spec).length !== 1 || !('$geometry' in spec)) fail('$geoIntersects needs { $geometry }');
  const touches = geometryPredicate(spec.$geometry, '$geoIntersects', ALL_GEOMETRIES);
  return (point) => touches(toVector(point));
}
