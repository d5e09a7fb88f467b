/** Texts of the portal's payouts pages in Dutch (B1). */
export const payouts = {
  title: 'Uitbetalingen',
};
