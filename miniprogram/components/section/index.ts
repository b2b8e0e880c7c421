/**
 * A titled block of a page on the card background: its title, an optional note or action on the right (the
 * `extra` slot), and its content. One look for the blocks of detail, dashboard and settings pages.
 */
import { textProperty, flagProperty } from '../properties';

Component({
  options: { multipleSlots: true },
  properties: {
    title: textProperty(),
    note: textProperty(),
    /** Content without the card's inner padding (a t-cell list runs edge to edge). */
    flush: flagProperty(),
  },
});
