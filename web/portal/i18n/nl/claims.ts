/** Texts of the portal's claims pages in Dutch (B1). */
export const claims = {
  title: 'Aanvragen',
};
