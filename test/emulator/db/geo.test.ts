/**
 * The spherical geometry behind geoNear / geoWithin / geoIntersects (emulator/db/geo.ts), through mingo
 * queries with the local cloud's operators. MongoDB semantics: 2dsphere geometry with great-circle edges
 * (https://www.mongodb.com/docs/manual/reference/operator/query/geoWithin/), Earth radius 6378.1 km.
 */
import { find } from '../../../emulator/db/matcher';
import { distanceMetres, EARTH_RADIUS_METRES } from '../../../emulator/db/geo';

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
const ids = (docs: Array<Record<string, unknown>>) => docs.map((d) => d._id).sort();

test('great-circle distances', () => {
  expect(distanceMetres([0, 0], [1, 0])).toBeCloseTo((EARTH_RADIUS_METRES * Math.PI) / 180, 3);
  expect(distanceMetres([10, 45], [10, 45])).toBe(0);
  expect(distanceMetres([0, 0], [180, 0])).toBeCloseTo(EARTH_RADIUS_METRES * Math.PI, 3);
});

test('polygon edges are great-circle arcs: a point just beyond the planar edge at 60°N is inside', () => {
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [113, 59],
        [114, 59],
        [114, 60],
        [113, 60],
        [113, 59],
      ],
    ],
  };
  // The arc from (113, 60) to (114, 60) bulges north to about 60.00095° at its middle (tan φ = tan 60° / cos 0.5°).
  const docs = [
    { _id: 'bulge', at: point(113.5, 60.0005) },
    { _id: 'beyond', at: point(113.5, 60.0015) },
  ];
  expect(ids(find(docs, { at: { $geoWithin: { $geometry: square } } }))).toEqual(['bulge']);
});

test('holes are excluded, boundaries included, other stored shapes and types never match', () => {
  const ring = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ];
  const hole = [
    [4, 4],
    [6, 4],
    [6, 6],
    [4, 6],
    [4, 4],
  ];
  const docs = [
    { _id: 'inside', at: point(2, 2) },
    { _id: 'in-hole', at: point(5, 5) },
    { _id: 'vertex', at: point(0, 0) },
    { _id: 'outside', at: point(11, 5) },
    { _id: 'legacy', at: [3, 3] },
    { _id: 'many', at: [point(50, 50), point(1, 1)] },
    { _id: 'text', at: 'somewhere' },
    { _id: 'missing' },
  ];
  const found = find(docs, { at: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [ring, hole] } } } });
  expect(ids(found)).toEqual(['inside', 'legacy', 'many', 'vertex']);
});

test('centerSphere uses radians; nearSphere filters by metres; intersects a line', () => {
  const docs = [
    { _id: 'a', at: point(0, 0) },
    { _id: 'b', at: point(0.5, 0) },
    { _id: 'c', at: point(2, 0) },
  ];
  const radius = 100_000 / EARTH_RADIUS_METRES;
  expect(ids(find(docs, { at: { $geoWithin: { $centerSphere: [[0, 0], radius] } } }))).toEqual(['a', 'b']);
  const near = { $nearSphere: { $geometry: point(0, 0), $minDistance: 1, $maxDistance: 100_000 } };
  expect(ids(find(docs, { at: near }))).toEqual(['b']);
  const line = {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [1, 0],
    ],
  };
  expect(ids(find(docs, { at: { $geoIntersects: { $geometry: line } } }))).toEqual(['a', 'b']);
});

test('malformed geometries are refused, not silently unmatched', () => {
  const open = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ],
    ],
  };
  expect(() => find([], { at: { $geoWithin: { $geometry: open } } })).toThrow(/closed/);
  expect(() => find([], { at: { $nearSphere: { $geometry: point(200, 0) } } })).toThrow(/out of bounds/);
  expect(() =>
    find([], {
      at: {
        $geoWithin: {
          $box: [
            [0, 0],
            [1, 1],
          ],
        },
      },
    }),
  ).toThrow(/not supported/);
});

test('$mod matches only numbers, any element of an array, and refuses a zero divisor', () => {
  const docs = [
    { _id: 'null', n: null },
    { _id: 'missing' },
    { _id: 'ten', n: 10 },
    { _id: 'str', n: '10' },
    { _id: 'arr', n: [3, 20] },
    { _id: 'frac', n: 5.5 },
  ];
  expect(ids(find(docs, { n: { $mod: [5, 0] } }))).toEqual(['arr', 'frac', 'ten']);
  expect(() => find(docs, { n: { $mod: [0, 0] } })).toThrow(/divisor/);
});
