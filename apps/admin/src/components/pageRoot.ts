/**
 * The outer box of a page whose tables are wider than a phone: a one-column grid that may shrink
 * below its content's width, so a wide table scrolls inside its own box instead of pushing the
 * whole page (and every card above it) off the right of the screen.
 */
export const PAGE_ROOT = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' } as const;
