/**
 * Every text of the app, in Dutch (the default, at language level B1: short sentences, common
 * words) and in English. The choice is kept in localStorage, so it survives a reload.
 */
import { createContext, useContext } from 'react';
// The API's unions, from its schemas: the tables below keyed by them stop compiling when the API gains a value.
import type { ClaimStatus, FunderType, TransactionType } from '../../shared/api/views.ts';

export type Language = 'nl' | 'en';
const storageKey = 'leerrekening.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts until the page reloads.
  }
}

/** What a history sentence can know about an entry; the app fills in what it found. */
export interface EntryFacts {
  readonly amount: string;
  readonly pot?: string;
  readonly funder?: string;
  readonly provider?: string;
  readonly course?: string;
}

const nl = {
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
    splitRefused: 'Deze verdeling kan niet. Niet elk potje mag voor elke opleiding betalen. Kies een andere verdeling.',
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

const en: Messages = {
  appName: 'Leerrekening',
  skipLink: 'Skip to content',
  mainNavigation: 'Main menu',
  nav: { overview: 'My money', history: 'What happened', claims: 'Requests', courses: 'Find a course' },
  languageSwitch: 'Nederlands',
  languageSwitchLabel: 'Naar het Nederlands',
  logOut: 'Log out',
  footer: 'Leerrekening is an account with money for your training. This is a test environment.',
  footerLabel: 'About this website',
  loading: 'One moment. We are getting your details.',
  signIn: {
    title: 'Your money for training',
    intro:
      'With Leerrekening you see how much money you have for a course or training. ' +
      'You also see who the money comes from and until when you can use it.',
    how: 'Log in to see your money.',
    button: 'Log in',
  },
  callback: {
    title: 'Logging you in',
    failedTitle: 'Logging in did not work',
    failed: 'Logging in did not work. Please try again.',
    again: 'Log in again',
  },
  overview: {
    title: 'Your money for training',
    available: 'You can use this now',
    reserved: 'Held for a course',
    reservedExplained: 'You already promised this money to a training provider. You cannot use it for anything else.',
    potsTitle: 'Where does your money come from?',
    noPots:
      'There is no money in your Leerrekening yet. ' +
      'Do you get money from your employer or the government? Then you will see it here.',
    funderType: { public: 'Government', sector: 'Your sector’s fund', employer: 'Your employer' },
    from: 'From',
    amountLeft: 'You can still use',
    amountHeld: 'Held',
    useBefore: 'Use before',
    noExpiry: 'No end date',
    expiringTitle: 'Note: this money will soon expire',
    expiring: (date: string) =>
      `This money expires on ${date}. After that it is gone. Use it for a course before that date.`,
    expiringAction: 'Find a course',
    claimsWaiting: (count: number) =>
      count === 1
        ? '1 request from a training provider is waiting for you.'
        : `${count} requests from training providers are waiting for you.`,
    claimsWaitingLink: 'See the requests',
  },
  history: {
    title: 'What happened to your money',
    intro: 'Here you see everything that happened to your money. The newest is at the top.',
    empty: 'Nothing has happened to your money yet.',
    more: 'Load more',
    loaded: (count: number) => (count === 1 ? '1 more line was added.' : `${count} more lines were added.`),
    all: 'That is everything.',
    date: 'Date',
    what: 'What happened',
    sentence: (type: TransactionType, facts: EntryFacts): string => {
      const course = facts.course === undefined ? 'a course' : facts.course;
      const pot = facts.pot === undefined ? '' : ` from ${facts.pot}`;
      const inPot = facts.pot === undefined ? '' : ` in ${facts.pot}`;
      switch (type) {
        case 'deposit': {
          const potNamed = facts.pot === undefined ? '' : ` (${facts.pot})`;
          return facts.funder === undefined
            ? `You received ${facts.amount}${inPot}.`
            : `You received ${facts.amount} from ${facts.funder}${potNamed}.`;
        }
        case 'reservation': {
          const atProvider = facts.provider === undefined ? '' : ` at ${facts.provider}`;
          return `${facts.amount}${pot} is now held for ${course}${atProvider}.`;
        }
        case 'capture':
          return `${facts.provider ?? 'The training provider'} received ${facts.amount} for ${course}.`;
        case 'release':
          return `${facts.amount} is free again${inPot}. It was held for ${course}, but was not used.`;
        case 'expiry': {
          const backToFunder = facts.funder === undefined ? '' : ` The money went back to ${facts.funder}.`;
          return `${facts.amount}${pot} expired, because the end date had passed.${backToFunder}`;
        }
        case 'revocation':
          return (
            `${facts.amount}${pot} went back to ${facts.funder ?? 'your employer'}, ` +
            'because you no longer work there.'
          );
        case 'refund': {
          const intoPot = facts.pot === undefined ? '' : ` into ${facts.pot}`;
          return `${facts.provider ?? 'The training provider'} gave back ${facts.amount}${intoPot}.`;
        }
      }
    },
  },
  claims: {
    title: 'Requests from training providers',
    intro:
      'A training provider asks you for money for a course. Check that it is right. ' +
      'Then approve or reject the request.',
    waitingTitle: 'Waiting for your answer',
    none: 'No requests are waiting for you.',
    earlierTitle: 'Earlier requests',
    provider: 'Training provider',
    course: 'Course',
    startDate: 'Starts on',
    amount: 'Amount',
    status: 'Status',
    open: (course: string) => `See the request for ${course}`,
    statusText: {
      awaiting_approval: 'Waiting for your answer',
      approved: 'You approved it. The money is held.',
      rejected: 'You rejected it',
      captured: 'The training provider received the money',
      cancelled: 'The training provider withdrew the request',
      expired: 'Expired. The money is free again.',
      paid: 'Paid to the training provider',
    },
  },
  claim: {
    title: (course: string) => `Request for ${course}`,
    notFound: 'We could not find this request. Perhaps it has already been handled.',
    back: 'Back to all requests',
    splitTitle: 'Who pays what?',
    splitIntro: 'If you approve, your pots pay like this:',
    pot: 'Pot',
    pays: 'Pays',
    own: 'You pay yourself',
    ownExplained: (amount: string) => `Your pots are not enough. You pay ${amount} yourself to the training provider.`,
    noOwn: 'You do not have to pay anything yourself.',
    change: 'Change who pays',
    changeTitle: 'Change who pays',
    changeIntro: 'Choose how much each pot pays. You pay the rest yourself.',
    changeLabel: (pot: string) => `Amount from ${pot}`,
    changeHint: (amount: string) => `This pot holds ${amount}.`,
    changeDone: 'Use this split',
    changeReset: 'Back to the suggested split',
    errorNotAnAmount: 'Enter an amount, for example 250.00.',
    errorTooMuchForPot: (amount: string) => `This is more than the pot holds. It holds ${amount}.`,
    errorTooMuchTotal: (amount: string) => `Together this is more than the course costs. The course costs ${amount}.`,
    approve: 'Approve',
    reject: 'Reject',
    confirmTitle: 'Are you sure?',
    confirmApprove: (amount: string, provider: string) =>
      `If you approve, we hold ${amount} from your pots. ${provider} gets this money when you take the course.`,
    confirmOwn: (amount: string) => `You pay ${amount} yourself.`,
    confirmApproveButton: 'Yes, approve',
    confirmReject: (provider: string) =>
      `If you reject, ${provider} gets no money from your Leerrekening for this course.`,
    confirmRejectButton: 'Yes, reject the request',
    cancel: 'No, go back',
    approvedTitle: 'You approved the request',
    approved: (amount: string, course: string) =>
      `${amount} is now held for ${course}. You also see this with your money.`,
    rejectedTitle: 'You rejected the request',
    rejected: 'No money goes to the training provider.',
    toOverview: 'To my money',
    insufficientFunds: 'There is not enough money in your pots for this split. Choose another split.',
    notApprovable:
      'This request is no longer possible. Perhaps you already answered, or the training provider withdrew it.',
    splitRefused: 'This split is not possible. Not every pot may pay for every course. Choose another split.',
  },
  courses: {
    title: 'Find a course',
    intro: 'Search for a course. For each course you see which of your pots can pay for it.',
    search: 'Search by name',
    searchHint: 'For example: working safely',
    category: 'Kind of course',
    allCategories: 'All kinds',
    submit: 'Search',
    results: (count: number) => (count === 1 ? '1 course found' : `${count} courses found`),
    none: 'We found no courses. Try another word.',
    price: 'Price',
    provider: 'Training provider',
    starts: 'Starts on',
    payable: 'Who can pay?',
    notPayable: 'Your pots cannot pay for this course.',
    ownPart: (amount: string) => `You pay ${amount} yourself.`,
    fullyPaid: 'Your pots can pay for the whole course.',
  },
  errors: {
    notReady: 'This part of Leerrekening is not ready yet. Please try again later.',
    network: 'We cannot reach Leerrekening right now. Check that your internet works and try again.',
    server: 'Something went wrong on our side. Please try again later.',
    retry: 'Try again',
    notFoundTitle: 'This page does not exist',
    notFound: 'This page does not exist. Perhaps the link is old.',
    toHome: 'To the start page',
    title: 'Something went wrong',
  },
};

export const messages: Record<Language, Messages> = { nl, en };

export interface LanguageContextValue {
  readonly language: Language;
  readonly t: Messages;
  setLanguage(language: Language): void;
}

export const LanguageContext = createContext<LanguageContextValue>({
  language: 'nl',
  t: nl,
  setLanguage: () => undefined,
});

export function useLanguage(): LanguageContextValue {
  return useContext(LanguageContext);
}
