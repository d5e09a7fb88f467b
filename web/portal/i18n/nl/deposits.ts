/** Texts of the portal's deposits pages in Dutch (B1). */
export const deposits = {
  title: 'Geld storten',
};
