/** Texts of the portal's courses pages in Dutch (B1). */
export const courses = {
  title: 'Opleidingen',
};
