/** Texts of the portal's payouts pages in Dutch (B1). */
export const payouts = {
  title: 'Uitbetalingen',
  intro: 'Hier ziet u welk geld Leerrekening naar uw rekening heeft overgemaakt, en voor welke aanvragen.',
  none: 'Er zijn nog geen uitbetalingen. Geld dat u opneemt, komt bij de volgende uitbetaling.',
  caption: 'Uitbetalingen aan uw organisatie',
  date: 'Datum',
  amount: 'Bedrag',
  count: 'Aantal aanvragen',
  claims: 'Aanvragen',
  claimLink: (claimId: string) => `Aanvraag ${claimId}`,
  moreClaims: (count: number) => `En nog ${count} ${count === 1 ? 'aanvraag' : 'aanvragen'}`,
  more: 'Toon meer uitbetalingen',
};
