/** One row of a report table: a title and its figure lines (taps bubble to the page). */
Component({
  properties: {
    heading: { type: String, value: '' },
    lines: { type: Array, value: [] as string[] },
  },
});
