/** The portal's own texts in Dutch (B1): the frame of every page, signing in, errors, the start page. */
export const common = {
  appName: 'Leerrekening Zakelijk',
  skipLink: 'Naar de inhoud',
  mainNavigation: 'Menu',
  languageSwitch: 'English',
  languageSwitchLabel: 'Switch to English',
  signOut: 'Uitloggen',
  organisationLabel: 'U werkt voor',
  footer: 'Leerrekening Zakelijk is voor werkgevers, fondsen, opleiders en controleurs. Dit is een testomgeving.',
  footerLabel: 'Over deze website',
  loading: 'Even geduld. We halen de gegevens op.',
  nav: {
    start: 'Start',
    employees: 'Werknemers',
    schemes: 'Regelingen',
    deposit: 'Geld storten',
    uploads: 'Bestanden',
    usage: 'Gebruik',
    courses: 'Opleidingen',
    claims: 'Aanvragen',
    payouts: 'Uitbetalingen',
    reconciliation: 'Controle',
    audit: 'Logboek',
  },
  signIn: {
    title: 'Leerrekening voor organisaties',
    intro:
      'Hier regelt uw organisatie het geld voor scholing. Werkgevers en fondsen storten geld. ' +
      'Opleiders vragen geld aan voor een opleiding. Controleurs zien of alles klopt.',
    how: 'Log in met eHerkenning voor uw organisatie.',
    button: 'Inloggen',
  },
  callback: {
    title: 'U wordt ingelogd',
    failedTitle: 'Inloggen is niet gelukt',
    failed: 'Het inloggen is niet gelukt. Probeer het opnieuw.',
    again: 'Opnieuw inloggen',
  },
  expired: {
    title: 'U bent uitgelogd',
    text: 'U was een tijd niet actief. Daarom bent u uitgelogd. Log opnieuw in. Daarna komt u terug op deze pagina.',
    button: 'Opnieuw inloggen',
  },
  errors: {
    title: 'Er ging iets mis',
    network: 'We kunnen Leerrekening nu niet bereiken. Kijk of u internet heeft en probeer het opnieuw.',
    server: 'Er ging bij ons iets mis. Probeer het later opnieuw.',
    busy: 'Het is nu erg druk. Probeer het over een paar seconden opnieuw.',
    forbidden: 'Uw organisatie mag dit niet zien of doen.',
    notFound: 'Deze pagina bestaat niet.',
    notFoundTitle: 'Pagina niet gevonden',
    notReady: 'Deze pagina is nog niet klaar. Gebruik zolang de API.',
    retry: 'Probeer opnieuw',
    pageFailed:
      'Deze pagina kon niet worden getoond. Laad de pagina opnieuw. Lukt het dan nog niet? Probeer het later opnieuw.',
    reload: 'Laad de pagina opnieuw',
    toStart: 'Naar de startpagina',
    organisation:
      'We weten niet voor welke organisatie u werkt. Log uit en log opnieuw in. Lukt het dan nog niet? ' +
      'Neem contact op met de beheerder van uw organisatie.',
  },
  roles: {
    employer: 'Werkgever',
    funder: 'Fonds',
    provider: 'Opleider',
    auditor: 'Controleur',
  },
  start: {
    title: 'Welkom',
    intro: 'Wat wilt u doen?',
    tasks: 'Taken',
    employer: [
      { to: 'employees', title: 'Werknemers', text: 'Meld een werknemer aan of af.' },
      { to: 'deposit', title: 'Geld storten', text: 'Stort geld op de leerrekening van één werknemer.' },
      { to: 'uploads', title: 'Bestanden', text: 'Stort voor veel werknemers tegelijk met een CSV-bestand.' },
      { to: 'schemes', title: 'Regelingen', text: 'Zie en maak de regelingen van uw organisatie.' },
      { to: 'usage', title: 'Gebruik', text: 'Zie hoeveel geld is gestort en gebruikt.' },
    ],
    funder: [
      { to: 'deposit', title: 'Geld storten', text: 'Stort geld op de leerrekening van één persoon.' },
      { to: 'uploads', title: 'Bestanden', text: 'Stort voor veel mensen tegelijk met een CSV-bestand.' },
      { to: 'schemes', title: 'Regelingen', text: 'Zie en maak de regelingen van uw fonds.' },
      { to: 'usage', title: 'Gebruik', text: 'Zie per regeling hoeveel geld is gestort en gebruikt.' },
    ],
    provider: [
      { to: 'courses', title: 'Opleidingen', text: 'Zet een opleiding op Leerrekening.' },
      { to: 'claims', title: 'Aanvragen', text: 'Zie uw aanvragen. Neem het geld op als de cursus is gevolgd.' },
      { to: 'payouts', title: 'Uitbetalingen', text: 'Zie welk geld naar uw rekening is gegaan.' },
    ],
    auditor: [
      { to: 'reconciliation', title: 'Controle', text: 'Zie of alle bedragen samen op nul uitkomen.' },
      { to: 'audit', title: 'Logboek', text: 'Zie wie wat deed en wanneer.' },
    ],
  },
};
