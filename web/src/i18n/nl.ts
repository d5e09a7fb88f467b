/**
 * Every text of the app in Dutch, the default language, at language level B1: short sentences,
 * common words. This table also defines the shape of the texts, `Messages`, that English must match.
 */
// The API's unions, from its schemas: the table below, keyed by them, stops compiling when the API gains a value,
// and so does English (`en.ts`), typed by it, until it has a text for the new value too.
import type { ClaimStatus, FunderType, TransactionType } from '../../../shared/api/views.ts';
import type { EntryFacts } from './entry-facts.ts';

export const nl = {
  appName: 'Leerrekening',
  skipLink: 'Naar de inhoud',
  mainNavigation: 'Hoofdmenu',
  nav: { overview: 'Mijn geld', history: 'Wat er gebeurde', claims: 'Verzoeken', courses: 'Opleidingen zoeken' },
  languageSwitch: 'English',
  languageSwitchLabel: 'Switch to English',
  logOut: 'Uitloggen',
  footer: 'Leerrekening is een rekening met geld voor uw scholing. Dit is een testomgeving.',
  footerLabel: 'Over deze website',
  loading: 'Even geduld. We halen uw gegevens op.',
  signIn: {
    title: 'Uw geld voor scholing',
    intro:
      'Met Leerrekening ziet u hoeveel geld u heeft voor een cursus of opleiding. ' +
      'U ziet ook van wie het geld komt en tot wanneer u het kunt gebruiken.',
    how: 'Log in om uw geld te zien.',
    button: 'Inloggen',
  },
  callback: {
    title: 'U wordt ingelogd',
    failedTitle: 'Inloggen is niet gelukt',
    failed: 'Het inloggen is niet gelukt. Probeer het opnieuw.',
    again: 'Opnieuw inloggen',
  },
  overview: {
    title: 'Uw geld voor scholing',
    available: 'Dit kunt u nu gebruiken',
    reserved: 'Dit staat vast voor een opleiding',
    reservedExplained:
      'Dit geld heeft u al toegezegd aan een opleider. U kunt het niet meer voor iets anders gebruiken.',
    potsTitle: 'Van wie komt uw geld?',
    noPots:
      'U heeft nog geen geld op uw Leerrekening. Krijgt u geld van uw werkgever of de overheid? Dan ziet u het hier.',
    funderType: { public: 'Overheid', sector: 'Fonds van uw sector', employer: 'Uw werkgever' } satisfies Record<
      FunderType,
      string
    >,
    from: 'Van',
    amountLeft: 'U kunt nog gebruiken',
    amountHeld: 'Staat vast',
    useBefore: 'Gebruiken vóór',
    noExpiry: 'Geen einddatum',
    expiringTitle: 'Let op: dit geld vervalt bijna',
    expiring: (date: string) =>
      `Dit geld vervalt op ${date}. Daarna is het weg. Gebruik het vóór die datum voor een opleiding.`,
    expiringAction: 'Zoek een opleiding',
    claimsWaiting: (count: number) =>
      count === 1 ? 'Er wacht 1 verzoek van een opleider op u.' : `Er wachten ${count} verzoeken van opleiders op u.`,
    claimsWaitingLink: 'Bekijk de verzoeken',
  },
  history: {
    title: 'Wat er met uw geld gebeurde',
    intro: 'Hier ziet u alles wat er met uw geld is gebeurd. Het nieuwste staat bovenaan.',
    empty: 'Er is nog niets gebeurd met uw geld.',
    more: 'Meer laden',
    loaded: (count: number) => (count === 1 ? 'Er is 1 regel bijgekomen.' : `Er zijn ${count} regels bijgekomen.`),
    all: 'Dit is alles.',
    date: 'Datum',
    what: 'Wat er gebeurde',
    sentence: (type: TransactionType, facts: EntryFacts): string => {
      const course = facts.course === undefined ? 'een opleiding' : facts.course;
      const pot = facts.pot === undefined ? '' : ` uit ${facts.pot}`;
      const inPot = facts.pot === undefined ? '' : ` in ${facts.pot}`;
      switch (type) {
        case 'deposit': {
          const potNamed = facts.pot === undefined ? '' : ` (${facts.pot})`;
          return facts.funder === undefined
            ? `U heeft ${facts.amount} gekregen${inPot}.`
            : `U heeft ${facts.amount} gekregen van ${facts.funder}${potNamed}.`;
        }
        case 'reservation': {
          const atProvider = facts.provider === undefined ? '' : ` bij ${facts.provider}`;
          return `${facts.amount}${pot} staat nu vast voor ${course}${atProvider}.`;
        }
        case 'capture':
          return `${facts.provider ?? 'De opleider'} heeft ${facts.amount} ontvangen voor ${course}.`;
        case 'release':
          return `${facts.amount} is weer vrij${inPot}. Het was vastgezet voor ${course}, maar is niet gebruikt.`;
        case 'expiry': {
          const backToFunder = facts.funder === undefined ? '' : ` Het geld ging terug naar ${facts.funder}.`;
          return `${facts.amount}${pot} is vervallen, omdat de einddatum voorbij was.${backToFunder}`;
        }
        case 'revocation':
          return (
            `${facts.amount}${pot} ging terug naar ${facts.funder ?? 'uw werkgever'}, ` +
            'omdat u daar niet meer werkt.'
          );
        case 'refund':
          return `${facts.provider ?? 'De opleider'} heeft ${facts.amount} teruggegeven${inPot}.`;
      }
    },
  },
  claims: {
    title: 'Verzoeken van opleiders',
    intro: 'Een opleider vraagt u om geld voor een opleiding. Kijk of het klopt. Geef akkoord of weiger het verzoek.',
    waitingTitle: 'Wacht op uw antwoord',
    none: 'Er wachten geen verzoeken op u.',
    earlierTitle: 'Eerdere verzoeken',
    provider: 'Opleider',
    course: 'Opleiding',
    startDate: 'Begint op',
    amount: 'Bedrag',
    status: 'Wat is de stand?',
    open: (course: string) => `Bekijk het verzoek voor ${course}`,
    statusText: {
      awaiting_approval: 'Wacht op uw antwoord',
      approved: 'U gaf akkoord. Het geld staat vast.',
      rejected: 'U heeft het geweigerd',
      captured: 'De opleider heeft het geld gekregen',
      cancelled: 'De opleider heeft het verzoek ingetrokken',
      expired: 'Verlopen. Het geld is weer vrij.',
      paid: 'Betaald aan de opleider',
    } satisfies Record<ClaimStatus, string>,
  },
  claim: {
    title: (course: string) => `Verzoek voor ${course}`,
    notFound: 'Dit verzoek hebben we niet gevonden. Misschien is het al afgehandeld.',
    back: 'Terug naar alle verzoeken',
    splitTitle: 'Wie betaalt wat?',
    splitIntro: 'Als u akkoord geeft, betalen uw potjes zo:',
    pot: 'Potje',
    pays: 'Betaalt',
    own: 'U betaalt zelf',
    ownExplained: (amount: string) => `Uw potjes zijn niet genoeg. U betaalt zelf ${amount} aan de opleider.`,
    noOwn: 'U hoeft zelf niets te betalen.',
    change: 'Verdeling aanpassen',
    changeTitle: 'Verdeling aanpassen',
    changeIntro: 'Kies hoeveel elk potje betaalt. Wat overblijft, betaalt u zelf.',
    changeLabel: (pot: string) => `Bedrag uit ${pot}`,
    changeHint: (amount: string) => `Er zit ${amount} in dit potje.`,
    changeDone: 'Verdeling gebruiken',
    changeReset: 'Terug naar de voorstel-verdeling',
    errorNotAnAmount: 'Vul een bedrag in, bijvoorbeeld 250,00.',
    errorTooMuchForPot: (amount: string) => `Dit is meer dan er in het potje zit. Er zit ${amount} in.`,
    errorTooMuchTotal: (amount: string) => `Samen is dit meer dan de opleiding kost. De opleiding kost ${amount}.`,
    approve: 'Akkoord geven',
    reject: 'Weigeren',
    confirmTitle: 'Weet u het zeker?',
    confirmApprove: (amount: string, provider: string) =>
      `Als u akkoord geeft, zetten we ${amount} vast uit uw potjes. ` +
      `${provider} krijgt dit geld als u de opleiding volgt.`,
    confirmOwn: (amount: string) => `U betaalt zelf ${amount}.`,
    confirmApproveButton: 'Ja, geef akkoord',
    confirmReject: (provider: string) =>
      `Als u weigert, krijgt ${provider} geen geld uit uw Leerrekening voor deze opleiding.`,
    confirmRejectButton: 'Ja, weiger het verzoek',
    cancel: 'Nee, ga terug',
    approvedTitle: 'U heeft akkoord gegeven',
    approved: (amount: string, course: string) => `${amount} staat nu vast voor ${course}. U ziet dit ook bij uw geld.`,
    rejectedTitle: 'U heeft het verzoek geweigerd',
    rejected: 'Er gaat geen geld naar de opleider.',
    toOverview: 'Naar mijn geld',
    insufficientFunds: 'Er zit niet genoeg geld in uw potjes voor deze verdeling. Kies een andere verdeling.',
    notApprovable: 'Dit verzoek kan niet meer. Misschien heeft u al geantwoord, of heeft de opleider het ingetrokken.',
    splitRefused:
      'Deze verdeling kan niet. Niet elk potje mag voor elke opleiding betalen. ' +
      'Sommige potjes betalen maar tot een maximum per opleiding. ' +
      'Wat ze eerder voor deze opleiding betaalden, telt mee. ' +
      'Kies een andere verdeling.',
  },
  courses: {
    title: 'Opleidingen zoeken',
    intro: 'Zoek een opleiding. U ziet bij elke opleiding welke potjes ervoor kunnen betalen.',
    search: 'Zoek op naam',
    searchHint: 'Bijvoorbeeld: veilig werken',
    category: 'Soort opleiding',
    allCategories: 'Alle soorten',
    submit: 'Zoeken',
    results: (count: number) => (count === 1 ? '1 opleiding gevonden' : `${count} opleidingen gevonden`),
    none: 'We hebben geen opleidingen gevonden. Probeer een ander woord.',
    price: 'Prijs',
    provider: 'Opleider',
    starts: 'Begint op',
    payable: 'Wie kan betalen?',
    notPayable: 'Uw potjes kunnen deze opleiding niet betalen.',
    ownPart: (amount: string) => `U betaalt zelf ${amount}.`,
    fullyPaid: 'Uw potjes kunnen de hele opleiding betalen.',
  },
  errors: {
    notReady: 'Dit deel van Leerrekening is nog niet klaar. Probeer het later opnieuw.',
    network: 'We kunnen Leerrekening nu niet bereiken. Kijk of uw internet werkt en probeer het opnieuw.',
    server: 'Er ging iets mis bij ons. Probeer het later opnieuw.',
    retry: 'Probeer opnieuw',
    notFoundTitle: 'Deze pagina bestaat niet',
    notFound: 'Deze pagina bestaat niet. Misschien is de link oud.',
    toHome: 'Naar de beginpagina',
    title: 'Er ging iets mis',
  },
};

export type Messages = typeof nl;
