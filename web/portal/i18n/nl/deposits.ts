/** Texts of the portal's deposit pages in Dutch (B1): one deposit, files with many, and their results. */
export const deposits = {
  title: 'Geld storten',
  intro: 'Stort geld op de leerrekening van één persoon. Voor veel mensen tegelijk gebruikt u een bestand.',
  toUploads: 'Storten met een bestand',
  bsnLabel: 'BSN van de persoon',
  bsnHint: 'Het burgerservicenummer heeft 9 cijfers.',
  bsnEmpty: 'Vul het BSN in.',
  bsnDigits: 'Een BSN heeft 9 cijfers. Vul alleen cijfers in.',
  bsnCheck: 'Dit BSN bestaat niet. Kijk of u het goed heeft overgenomen.',
  schemeLabel: 'Regeling',
  schemeChoose: 'Kies een regeling',
  schemeEmpty: 'Kies een regeling.',
  noSchemes: 'U heeft nog geen regeling. Maak eerst een regeling. Daarna kunt u geld storten.',
  toSchemes: 'Naar regelingen',
  amountLabel: 'Bedrag',
  amountHint: 'In euro, bijvoorbeeld 1.250,00.',
  amountInvalid: 'Vul een bedrag in euro in, bijvoorbeeld 1.250,00.',
  amountZero: 'Vul een bedrag hoger dan € 0,00 in.',
  referenceLabel: 'Uw kenmerk (niet verplicht)',
  referenceHint: 'Bijvoorbeeld een nummer uit uw eigen administratie. Zet hier geen BSN in.',
  referenceLong: 'Het kenmerk mag niet langer zijn dan 200 tekens.',
  button: 'Storten',
  busy: 'Bezig met storten…',
  confirmTitle: 'Wilt u dit geld storten?',
  confirmAmount: (amount: string, bsnEnd: string, scheme: string) =>
    `${amount} gaat naar de leerrekening van de persoon met het BSN dat eindigt op ${bsnEnd}. ` +
    `Het geld komt op de regeling ${scheme}.`,
  confirmFinal: 'Een storting kunt u niet terugdraaien. Kijk dus goed of het bedrag en het BSN kloppen.',
  confirmYes: 'Ja, stort het geld',
  confirmNo: 'Nee, ga terug',
  doneTitle: 'Het geld is gestort',
  done: (amount: string, scheme: string) => `${amount} staat nu op de leerrekening, op de regeling ${scheme}.`,
  problems: {
    unknown_person: 'We kennen niemand met dit BSN. Kijk of u het goed heeft overgenomen.',
    not_employed:
      'Deze persoon is niet bij u in dienst. U kunt alleen storten voor uw eigen werknemers. ' +
      'Meld de werknemer eerst aan.',
    budget_exceeded:
      'Het budget van deze regeling is op. Dit bedrag past er niet meer in. ' +
      'Kies een lager bedrag of een andere regeling.',
    scheme_expired: 'Deze regeling is verlopen. U kunt er geen geld meer op storten. Kies een andere regeling.',
    unknown_scheme: 'Deze regeling bestaat niet (meer). Kies een andere regeling.',
    validation_failed: 'Kijk of alle gegevens goed zijn ingevuld. Het hoogste bedrag is € 100.000,00.',
    idempotency_key_reused:
      'Uw vorige poging kwam misschien toch bij ons aan, met andere gegevens. Kijk eerst bij Gebruik of die ' +
      'storting al is gedaan. Wilt u daarna nog een storting doen? Druk dan opnieuw op de knop.',
  },
  uploads: {
    title: 'Bestanden',
    intro: 'Stort geld voor veel mensen tegelijk. Dat doet u met een CSV-bestand uit bijvoorbeeld Excel.',
    newTitle: 'Nieuw bestand uploaden',
    formatTitle: 'Wat moet er in het bestand staan?',
    formatIntro:
      'De eerste regel noemt de kolommen. Daarna volgt één storting per regel. U mag komma’s of puntkomma’s ' +
      'gebruiken. Er mogen hoogstens 10.000 stortingen in één bestand.',
    columns: [
      { name: 'bsn', text: 'het BSN van de persoon, 9 cijfers' },
      { name: 'schemeId', text: 'de code van de regeling, zie Regelingen' },
      { name: 'amount', text: 'het bedrag in centen, zonder komma of punt: 125000 is € 1.250,00' },
      { name: 'reference', text: 'uw eigen kenmerk (niet verplicht)' },
    ],
    example: 'Download een voorbeeldbestand',
    exampleFile: 'voorbeeld-stortingen.csv',
    fileLabel: 'Kies een CSV-bestand',
    fileHint: 'Of sleep het bestand naar dit vak.',
    dropHere: 'Laat het bestand hier los',
    chosen: (name: string, size: string) => `Gekozen: ${name} (${size})`,
    fileEmpty: 'Kies eerst een bestand.',
    fileNotCsv: 'Dit is geen CSV-bestand. Sla het bestand op als CSV (.csv) en probeer het opnieuw.',
    fileTooLarge: 'Dit bestand is te groot. Een bestand mag hoogstens 4 MB zijn en 10.000 stortingen hebben.',
    fileUnreadable: 'We kunnen dit bestand niet lezen. Kies het bestand opnieuw.',
    button: 'Uploaden en storten',
    busy: 'Bezig met uploaden…',
    earlierTitle: 'Eerdere bestanden',
    earlierCaption: 'Tabel met uw eerdere bestanden',
    earlierEmpty: 'U heeft nog geen bestanden geüpload.',
    columnsTable: {
      date: 'Datum',
      rows: 'Regels',
      paid: 'Gestort',
      refused: 'Geweigerd',
      total: 'Totaal gestort',
      status: 'Status',
    },
    openLabel: (date: string) => `Bekijk het bestand van ${date}`,
    more: 'Meer bestanden laden',
    status: { processing: 'Bezig', done: 'Klaar' },
    unknown: '–',
    problems: {
      invalid_csv: 'Het bestand is geen goed CSV-bestand. Kijk of alle aanhalingstekens goed staan.',
      batch_too_large: 'Dit bestand is te groot. Een bestand mag hoogstens 10.000 stortingen hebben.',
      validation_failed:
        'De eerste regel van het bestand moet de kolommen noemen: bsn, schemeId, amount en eventueel reference. ' +
        'Elke kolom één keer. Daaronder moet minstens één storting staan.',
      idempotency_key_reused:
        'Uw vorige upload kwam misschien toch bij ons aan. Kijk bij Eerdere bestanden of het bestand er al staat. ' +
        'Staat het er niet? Upload het dan opnieuw.',
    },
  },
  upload: {
    title: 'Bestand met stortingen',
    notFound: 'Dit bestand bestaat niet, of het is van een andere organisatie.',
    back: 'Terug naar bestanden',
    progressLabel: 'Voortgang',
    progressText: (processed: number, total: number) => `${processed} van ${total} regels verwerkt`,
    processing: 'We verwerken het bestand. Dit kan even duren. U kunt deze pagina open laten.',
    doneTitle: 'Het bestand is verwerkt',
    summary: (paid: number, amount: string) =>
      `${paid} ${paid === 1 ? 'storting is' : 'stortingen zijn'} gedaan. Samen ${amount}.`,
    refusedSummary: (refused: number) =>
      refused === 0
        ? 'Alle regels zijn gestort.'
        : `${refused} ${refused === 1 ? 'regel is' : 'regels zijn'} geweigerd. Op die regels is niets gestort.`,
    refusedCaption: 'Tabel met de geweigerde regels',
    refusedShownFirst: (shown: number, total: number) =>
      `Hieronder staan de eerste ${shown} van de ${total} geweigerde regels. In de download staan ze allemaal.`,
    refusedTitle: 'Geweigerde regels',
    refusedIntro:
      'Verbeter deze regels en upload ze opnieuw. De andere regels zijn al gestort: upload die niet nog een keer.',
    refusedColumns: { row: 'Regel', reason: 'Wat is er mis' },
    rowNumberNote: 'Regel 1 is de eerste regel onder de kolomnamen.',
    download: 'Download de geweigerde regels (CSV)',
    downloadBusy: 'Bezig met ophalen…',
    downloadFailed: 'De geweigerde regels konden niet worden opgehaald. Probeer het over een paar minuten opnieuw.',
    downloadHint:
      'U krijgt de geweigerde regels zoals ze in uw bestand stonden, met in de laatste kolom wat er mis is. ' +
      'Verbeter de regels en upload het bestand hier opnieuw. De laatste kolom sturen wij dan niet mee.',
    downloadHintRowsOnly:
      'Uw oorspronkelijke bestand is niet in dit tabblad bewaard. U krijgt daarom alleen het regelnummer en ' +
      'wat er mis is.',
    downloadFile: (date: string) => `geweigerde-regels-${date}.csv`,
    reasonColumn: 'reden',
    rowColumn: 'regel',
    codes: {
      validation_failed: 'Een gegeven klopt niet. Kijk naar het bedrag (in centen) en het kenmerk.',
      unknown_person: 'Dit BSN bestaat niet. Kijk of het goed is overgenomen.',
      unknown_scheme: 'Deze regeling bestaat niet. Kijk of de code van de regeling goed is.',
      scheme_expired: 'Deze regeling is verlopen. Stort op een andere regeling.',
      not_employed: 'Deze persoon is niet bij u in dienst. Meld de werknemer eerst aan.',
      budget_exceeded: 'Het budget van de regeling is op. Deze storting past er niet meer in.',
    },
  },
};
