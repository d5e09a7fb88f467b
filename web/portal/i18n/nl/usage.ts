/** Texts of the portal's usage pages in Dutch (B1). */
export const usage = {
  title: 'Gebruik van het geld',
};
