/** Texts of the portal's employees pages in Dutch (B1). */
export const employees = {
  title: 'Werknemers',
  intro:
    'Meld hier een werknemer aan als hij of zij bij u in dienst komt. Dan kunt u geld storten op zijn of haar ' +
    'leerrekening. Gaat iemand uit dienst? Meld dat hier af.',
  bsnLabel: 'BSN van de werknemer',
  bsnHint: 'Het burgerservicenummer heeft 9 cijfers.',
  bsnEmpty: 'Vul het BSN in.',
  bsnDigits: 'Een BSN heeft 9 cijfers. Vul alleen cijfers in.',
  bsnCheck: 'Dit BSN bestaat niet. Kijk of u het goed heeft overgenomen.',
  dateEmpty: 'Vul een datum in.',
  dateInvalid: 'Vul een datum in zoals 31-12-2026.',
  register: {
    title: 'Werknemer aanmelden',
    startLabel: 'Eerste werkdag',
    button: 'Aanmelden',
    busy: 'Bezig met aanmelden…',
    doneTitle: 'De werknemer is aangemeld',
    done: (startDate: string) =>
      `De werknemer is bij u in dienst sinds ${startDate}. U kunt nu geld storten op zijn of haar leerrekening.`,
  },
  end: {
    title: 'Dienstverband beëindigen',
    intro:
      'Gaat een werknemer uit dienst? Dan gaat het geld dat nog op zijn of haar leerrekening staat terug naar u. ' +
      'Dat geldt alleen voor regelingen die u kunt terughalen. Eerst ziet u hoeveel geld terugkomt.',
    endLabel: 'Laatste werkdag',
    endHint: 'Vandaag of eerder.',
    endFuture: 'De laatste werkdag mag niet na vandaag zijn.',
    button: 'Bekijk wat terugkomt',
    busy: 'Bezig met berekenen…',
    confirmTitle: 'Wilt u het dienstverband beëindigen?',
    confirmAmount: (amount: string, endDate: string) =>
      `De werknemer is dan niet meer bij u in dienst na ${endDate}. ${amount} gaat terug naar uw organisatie.`,
    confirmNothing: (endDate: string) =>
      `De werknemer is dan niet meer bij u in dienst na ${endDate}. Er staat geen geld van u op de leerrekening ` +
      'dat terug kan komen. Er gaat dus geen geld terug.',
    confirmHeld:
      'Geld dat al vastligt voor een opleiding blijft bij die opleiding. Wat de opleider daarvan niet gebruikt, ' +
      'komt later terug naar u.',
    confirm: 'Ja, beëindigen',
    cancel: 'Nee, niet beëindigen',
    doneTitle: 'Het dienstverband is beëindigd',
    done: (amount: string) => `${amount} is teruggegaan naar uw organisatie.`,
    again: 'Nog een dienstverband beëindigen',
  },
  problems: {
    unknown_person: 'We kennen niemand met dit BSN. Kijk of u het goed heeft overgenomen.',
    not_employed: 'Deze persoon is niet bij u in dienst. Of het dienstverband is al beëindigd.',
    invalid_end_date:
      'Deze datum kan niet. De laatste werkdag mag niet na vandaag zijn. En niet voor de eerste werkdag.',
    validation_failed: 'Kijk of het BSN en de datum goed zijn. De datum moet tussen 2000 en 2100 liggen.',
  },
};
