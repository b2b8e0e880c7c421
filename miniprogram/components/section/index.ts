/**
 * A titled block of a page on the card background: its title, an optional note or action on the right (the
 * `extra` slot), and its content. One look for the blocks of detail, dashboard and settings pages.
 */
Component({
  options: { multipleSlots: true },
  properties: {
    title: { type: String, value: '' },
    note: { type: String, value: '' },
    /** Content without the card's inner padding (a t-cell list runs edge to edge). */
    flush: { type: Boolean, value: false },
  },
});
