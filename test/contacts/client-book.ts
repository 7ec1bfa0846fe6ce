// A labelled client book as a real studio holds it (GB studio, international clients): families
// and couples sharing an email, shared landlines, a company switchboard with extensions, an
// office line, a person with two emails, namesakes, names with diacritics, particles,
// apostrophes, hyphens, ß, Turkish i, and names in Greek, Japanese, Cyrillic and Chinese, plus
// a venue whose phone more than 100 contacts have (its guests). Each query is labelled with
// who the client is before any run: a contact (link), nobody on record (new), or a client the
// evidence cannot place (stop: the step must stop with the candidates).
//
// Phones are Ofcom's drama ranges (07700 900xxx, 01632 960xxx, 020 7946 0xxx) or numbers of
// other countries' plans written with +; emails use example domains.

export interface BookContact {
  key: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
}

type Row = [key: string, first: string, last: string, email: string | null, phone: string | null];

const rows: Row[] = [
  // A family sharing an email: mother (home landline) and daughter (her mobile).
  ['margaret', 'Margaret', 'Taylor', 'taylor.family@example.com', '+441632960100'],
  ['emily', 'Emily', 'Taylor', 'taylor.family@example.com', '+447700900101'],
  // A couple sharing an email, one without a phone on record.
  ['john_smith', 'John', 'Smith', 'smiths@example.com', '+447700900102'],
  ['jane_smith', 'Jane', 'Smith', 'smiths@example.com', null],
  // A family of three on one email.
  ['priya', 'Priya', 'Shah', 'shah.home@example.net', '+447700900103'],
  ['dev', 'Dev', 'Shah', 'shah.home@example.net', '+447700900104'],
  ['anika', 'Anika', 'Shah', 'shah.home@example.net', null],
  // A couple sharing an email and a landline.
  ['chidi', 'Chidi', 'Okafor', 'okafor@example.org', '+441632960101'],
  ['ngozi', 'Ngozi', 'Okafor', 'okafor@example.org', '+441632960101'],
  // A German family email.
  ['juergen', 'Jürgen', 'Müller', 'mueller.familie@example.de', '+493012345601'],
  ['anna_mueller', 'Anna', 'Müller', 'mueller.familie@example.de', '+493012345602'],
  // A shared landline, one with an email.
  ['peter_brown', 'Peter', 'Brown', 'peter.brown@example.com', '+441632960102'],
  ['susan_brown', 'Susan', 'Brown', null, '+441632960102'],
  // Father and son of one name on one landline, each with his own email.
  ['robert_king', 'Robert', 'King', 'robert.king@example.com', '+441632960103'],
  ['robert_king_jr', 'Robert', 'King', 'rob.king.jr@example.com', '+441632960103'],
  // A landline only one member of the household has on record.
  ['helen_ward', 'Helen', 'Ward', 'helen.ward@example.com', '+441632960104'],
  // A company switchboard, its reception, and staff on extensions (one on the bare switchboard).
  ['acme_desk', 'Front', 'Desk', 'hello@acme.example', '+442079460000'],
  ['raj', 'Raj', 'Patel', 'raj.patel@acme.example', '+442079460000;ext=12'],
  ['laura', 'Laura', 'Chen', 'laura.chen@acme.example', '+442079460000;ext=14'],
  ['tom_becker', 'Tom', 'Becker', null, '+442079460000;ext=15'],
  ['sam_lee', 'Sam', 'Lee', null, '+442079460000'],
  // An office line two colleagues share.
  ['mia', 'Mia', 'Wong', 'mia@northwind.example', '+442079460050'],
  ['ben', 'Ben', 'Carter', 'ben@northwind.example', '+442079460050'],
  // A person who writes from two emails (Studio has her work one).
  ['anna_k', 'Anna', 'Kowalska', 'anna@work.example.pl', '+48601234567'],
  // Diacritics.
  ['zoe', 'Zoë', 'Brontë', 'zoe.bronte@example.org', '+447700900106'],
  ['jose', 'José María', 'García López', 'jm.garcia@example.es', '+34612345678'],
  ['francois', 'François', 'Lefèvre', 'f.lefevre@example.fr', '+33612345678'],
  ['segolene', 'Ségolène', 'Rivière', null, '+33142345678'],
  ['bjorn', 'Björn', 'Ångström', 'bjorn@example.se', '+46701234567'],
  ['soren', 'Søren', 'Kierkegård', 'soren@example.dk', null],
  ['lukasz', 'Łukasz', 'Wiśniewski', 'lukasz.w@example.pl', '+48501234567'],
  ['antonin', 'Antonín', 'Dvořák', null, '+420601234567'],
  // Particles.
  ['pieter', 'Pieter', 'van der Berg', 'pieter@example.nl', '+31612345678'],
  ['ana_cruz', 'Ana', 'de la Cruz', 'ana.delacruz@example.mx', null],
  ['karl', 'Karl', 'von Habsburg', 'karl@example.at', null],
  ['luca', 'Luca', 'di Marco', 'luca.dimarco@example.it', '+393471234567'],
  // Apostrophes (typographic and straight) and hyphens (ASCII and non-breaking).
  ['siobhan', 'Siobhán', 'O’Brien', 'siobhan.obrien@example.ie', '+353851234567'],
  ['declan', 'Declan', "O'Neill", null, '+353861234567'],
  ['mary_jane', 'Mary-Jane', 'Watson', 'mj.watson@example.com', '+447700900107'],
  ['jean_luc', 'Jean\u2011Luc', 'Picard', null, '+33612340000'],
  // ß and the Turkish i.
  ['strauss', 'Johann', 'Strauß', 'johann.strauss@example.at', '+436641234567'],
  ['gretel', 'Gretel', 'Weiß', null, '+491701234567'],
  ['isil', 'Işıl', 'Işık', 'isil.isik@example.com.tr', '+905321234567'],
  ['ibrahim', 'İbrahim', 'Yılmaz', 'ibrahim@example.com.tr', null],
  // Other scripts.
  ['nikos', 'Νίκος', 'Παπαδόπουλος', 'nikos@example.gr', '+306912345678'],
  ['eleni', 'Ελένη', 'Γεωργίου', null, '+302101234567'],
  ['hanako', '花子', '山田', 'hanako.yamada@example.jp', '+819012345678'],
  ['ken', '健', '佐藤', null, '+819087654321'],
  ['taro', 'タロウ', 'タナカ', 'taro.tanaka@example.jp', null],
  ['petr', 'Пётр', 'Иванов', 'petr.ivanov@example.ru', '+79161234567'],
  ['anna_s', 'Анна', 'Смирнова', null, '+79031234567'],
  ['wang_fang', '芳', '王', 'wang.fang@example.cn', '+8613812345678'],
  // Namesakes.
  ['david_m1', 'David', 'Miller', 'david.miller@example.com', '+447700900110'],
  ['david_m2', 'David', 'Miller', 'dmiller@example.net', null],
  ['emma_harper', 'Emma', 'Harper', null, null],
  ['james_w1', 'James', 'Wilson', 'james.wilson@example.com', '+447700900111'],
  ['james_w2', 'James', 'Wilson', 'jwilson@example.net', '+447700900112'],
  ['sarah_j1', 'Sarah', 'Jones', null, null],
  ['sarah_j2', 'Sarah', 'Jones', null, null],
  // Everyone else.
  ['oliver', 'Oliver', 'Bennett', 'oliver.bennett@example.co.uk', '+447700900120'],
  ['amelia', 'Amelia', 'Hart', 'amelia.hart@example.com', '+447700900121'],
  ['katherine', 'Katherine', 'Moore', 'kate.moore@example.com', '+447700900122'],
  ['alexander', 'Alexander', 'Grant', 'alex.grant@example.com', '+447700900123'],
  ['christopher', 'Christopher', 'Lane', null, '+447700900124'],
  ['mary_ann', 'Mary Ann', 'Jones', 'maryann@example.com', null],
  ['emma_wilson', 'Emma', 'Wilson', 'emma.wilson@example.com', '+447700900134'],
  ['liam', 'Liam', 'Walsh', 'liam.walsh@example.ie', '+353871234567'],
  ['noah', 'Noah', 'Clarke', 'noah@example.co.uk', '+447700900125'],
  ['sophie', 'Sophie', 'Clarke', 'sophie@example.co.uk', '+447700900126'],
  ['grace', 'Grace', 'Okafor', 'grace.okafor@example.com', '+447700900127'],
  ['chloe', 'Chloé', 'Martin', 'chloe.martin@example.fr', '+33698765432'],
  ['hiroshi', 'Hiroshi', 'Tanaka', 'hiroshi.tanaka@example.jp', '+818012345678'],
  ['isabella', 'Isabella', 'Rossi', 'isabella.rossi@example.it', null],
  ['mateo', 'Mateo', 'Fernández', 'mateo.f@example.es', '+34698765432'],
  ['aisha', 'Aisha', 'Khan', 'aisha.khan@example.com', '+447700900128'],
  ['ethan', 'Ethan', 'Brooks', null, '+447700900129'],
  ['freya', 'Freya', 'Lindqvist', 'freya@example.se', null],
  ['ravi', 'Ravi', 'Kumar', 'ravi.kumar@example.in', '+919812345678'],
  ['lucia', 'Lucía', 'Gómez', 'lucia.gomez@example.ar', '+5491123456789'],
  ['wei', 'Wei', 'Zhang', 'wei.zhang@example.com', '+447700900130'],
  ['nora', 'Nora', 'Ali', 'nora.ali@example.com', '+447700900131'],
  ['jack', 'Jack', 'Murphy', 'jack.murphy@example.ie', '+353851111111'],
  ['olivia', 'Olivia', 'Scott', 'olivia.scott@example.com', '+447700900132'],
  ['harry', 'Harry', 'Evans', null, '+447700900133'],
  // A venue: its events office and a guest known by name, on the number its guests give.
  ['venue', 'Riverside Hall', 'Events', 'events@riverside-hall.example', '+441632960200'],
  ['ruth', 'Ruth', 'Ellison', null, '+441632960200'],
];

/** The venue's phone, which its guests give when they order: more contacts than one lookup weighs. */
export const VENUE_PHONE = '+441632960200';
const GUEST_FIRST = [
  'Abigail',
  'Beatrice',
  'Cormac',
  'Delphine',
  'Eamon',
  'Fiona',
  'Gideon',
  'Harriet',
  'Ingrid',
  'Jasper',
  'Keira',
  'Lorcan',
  'Maeve',
  'Niall',
  'Orla',
];
const GUEST_LAST = ['Ashby', 'Blackwood', 'Carrow', 'Dunmore', 'Ellery', 'Fairbank', 'Greaves'];
/** 105 wedding guests who gave the venue's number. */
const guests: BookContact[] = GUEST_LAST.flatMap((last) =>
  GUEST_FIRST.map((first) => ({
    key: `guest_${first}_${last}`.toLowerCase(),
    first_name: first,
    last_name: last,
    email: null,
    phone: VENUE_PHONE,
  })),
);

/** The studio's contacts: the labelled book, then the venue's guests. */
export const CLIENT_BOOK: readonly BookContact[] = [
  ...rows.map(([key, first_name, last_name, email, phone]) => ({ key, first_name, last_name, email, phone })),
  ...guests,
];
/** The contacts written out by hand (the guests aside). */
export const HAND_WRITTEN_CONTACTS = rows.length;

export type Expected = { link: string } | 'new' | 'stop';

export interface BookQuery {
  /** What the case is. */
  why: string;
  client: { email?: string; phone?: string; first_name?: string; last_name?: string };
  expected: Expected;
}

const NEW = 'new' as const;
const STOP = 'stop' as const;
const link = (key: string): Expected => ({ link: key });
const q = (why: string, client: BookQuery['client'], expected: Expected): BookQuery => ({ why, client, expected });
const who = (first_name: string, last_name: string, more: Omit<BookQuery['client'], 'first_name' | 'last_name'> = {}) => ({
  first_name,
  last_name,
  ...more,
});

export const QUERIES: readonly BookQuery[] = [
  // Ordinary clients, as they write themselves.
  q('email in another case', who('Oliver', 'Bennett', { email: 'Oliver.Bennett@Example.co.uk' }), link('oliver')),
  q(
    'email with spaces, national phone',
    who('Amelia', 'Hart', { email: ' amelia.hart@example.com ', phone: '07700 900121' }),
    link('amelia'),
  ),
  q('short form of the first name', who('Kate', 'Moore', { email: 'kate.moore@example.com' }), link('katherine')),
  q(
    'prefix of the first name, with phone',
    who('Alex', 'Grant', { email: 'alex.grant@example.com', phone: '07700 900123' }),
    link('alexander'),
  ),
  q('phone only, short first name', who('Chris', 'Lane', { phone: '07700 900124' }), link('christopher')),
  q('without the middle name', who('Mary', 'Jones', { email: 'maryann@example.com' }), link('mary_ann')),
  q('maiden name with her email', who('Emma', 'Harper', { email: 'emma.wilson@example.com' }), link('emma_wilson')),
  q('Irish mobile with +', who('Liam', 'Walsh', { phone: '+353 87 123 4567' }), link('liam')),
  q('email', who('Noah', 'Clarke', { email: 'noah@example.co.uk' }), link('noah')),
  q('email, sibling on record', who('Sophie', 'Clarke', { email: 'sophie@example.co.uk' }), link('sophie')),
  q('email', who('Grace', 'Okafor', { email: 'grace.okafor@example.com' }), link('grace')),
  q('name without its accent', who('Chloe', 'Martin', { email: 'chloe.martin@example.fr' }), link('chloe')),
  q('name in kanji, on record in romaji', who('浩', '田中', { email: 'hiroshi.tanaka@example.jp' }), link('hiroshi')),
  q('email', who('Isabella', 'Rossi', { email: 'isabella.rossi@example.it' }), link('isabella')),
  q('Spanish mobile, no accent', who('Mateo', 'Fernandez', { phone: '+34 698 76 54 32' }), link('mateo')),
  q('email and phone', who('Aisha', 'Khan', { email: 'aisha.khan@example.com', phone: '07700900128' }), link('aisha')),
  q('phone', who('Ethan', 'Brooks', { phone: '07700 900129' }), link('ethan')),
  q('email in capitals', who('Freya', 'Lindqvist', { email: 'FREYA@EXAMPLE.SE' }), link('freya')),
  q('Indian mobile', who('Ravi', 'Kumar', { phone: '+91 98123 45678' }), link('ravi')),
  q('email, name unaccented', who('Lucia', 'Gomez', { email: 'lucia.gomez@example.ar' }), link('lucia')),
  q('email', who('Wei', 'Zhang', { email: 'wei.zhang@example.com' }), link('wei')),
  q('email and phone', who('Nora', 'Ali', { email: 'nora.ali@example.com', phone: '07700 900131' }), link('nora')),
  q('00 international prefix', who('Jack', 'Murphy', { phone: '00353 85 111 1111' }), link('jack')),
  q('email', who('Olivia', 'Scott', { email: 'olivia.scott@example.com' }), link('olivia')),
  q(
    'his phone and a new email (none on record)',
    who('Harry', 'Evans', { phone: '07700 900133', email: 'harry.evans@new.example' }),
    link('harry'),
  ),
  q(
    'his phone and name, another email than Studio’s',
    who('Oliver', 'Bennett', { phone: '+44 7700 900120', email: 'oliver@newjob.example' }),
    STOP,
  ),

  // Diacritics.
  q('no diaeresis', who('Zoe', 'Bronte', { email: 'zoe.bronte@example.org' }), link('zoe')),
  q('capitals with diaeresis, by phone', who('ZOË', 'BRONTË', { phone: '07700 900106' }), link('zoe')),
  q('no accents, both surnames', who('Jose Maria', 'Garcia Lopez', { email: 'jm.garcia@example.es' }), link('jose')),
  q('one first name and one surname, by phone', who('José', 'García', { phone: '+34 612 34 56 78' }), link('jose')),
  q('no accents', who('Francois', 'Lefevre', { email: 'f.lefevre@example.fr' }), link('francois')),
  q('French landline', who('Segolene', 'Riviere', { phone: '+33 1 42 34 56 78' }), link('segolene')),
  q('no ring or umlaut', who('Bjorn', 'Angstrom', { email: 'bjorn@example.se' }), link('bjorn')),
  q('Kierkegaard spelt with aa', who('Soren', 'Kierkegaard', { email: 'soren@example.dk' }), link('soren')),
  q('ø and å typed as o and a, by name only', who('Soren', 'Kierkegard'), link('soren')),
  q('Ł and ś typed plain', who('Lukasz', 'Wisniewski', { email: 'lukasz.w@example.pl' }), link('lukasz')),
  q('by name only, plain letters', who('Lukasz', 'Wisniewski'), link('lukasz')),
  q('Czech mobile', who('Antonin', 'Dvorak', { phone: '+420 601 234 567' }), link('antonin')),
  q('by name only, with diacritics', who('Antonín', 'Dvořák'), link('antonin')),
  q('no accents, by name only', who('Francois', 'Lefevre'), link('francois')),
  q('in capitals, by name only', who('JOSÉ MARÍA', 'GARCÍA LÓPEZ'), link('jose')),
  q('by name only', who('Chloe', 'Martin'), link('chloe')),
  q('national phone without spaces', who('Zoe', 'Brontë', { phone: '07700900106' }), link('zoe')),

  // Particles.
  q('particles capitalised', who('Pieter', 'Van Der Berg', { email: 'pieter@example.nl' }), link('pieter')),
  q('particles capitalised, by name only', who('Pieter', 'Van der Berg'), link('pieter')),
  q('particles dropped, by phone', who('Pieter', 'Berg', { phone: '+31 6 12345678' }), link('pieter')),
  q('particles capitalised, email', who('Ana', 'De La Cruz', { email: 'ana.delacruz@example.mx' }), link('ana_cruz')),
  q('by name only', who('Ana', 'de la Cruz'), link('ana_cruz')),
  q('email in capitals', who('Karl', 'von Habsburg', { email: 'KARL@example.at' }), link('karl')),
  q('Italian mobile', who('Luca', 'Di Marco', { phone: '+39 347 123 4567' }), link('luca')),
  q('particle run together, by phone', who('Luca', 'DiMarco', { phone: '+39 347 123 4567' }), link('luca')),

  // Apostrophes and hyphens.
  q('straight apostrophe, by name only', who('Siobhan', "O'Brien"), link('siobhan')),
  q('apostrophe left out', who('Siobhán', 'OBrien', { email: 'siobhan.obrien@example.ie' }), link('siobhan')),
  q('capitals and typographic apostrophe, by phone', who('SIOBHAN', 'O’BRIEN', { phone: '+353 85 123 4567' }), link('siobhan')),
  q('typographic apostrophe, by name only', who('Declan', 'O’Neill'), link('declan')),
  q('apostrophe left out, by phone', who('Declan', 'ONeill', { phone: '+353 86 123 4567' }), link('declan')),
  q('space for the hyphen, by name only', who('Mary Jane', 'Watson'), link('mary_jane')),
  q('Unicode hyphen (U+2010)', who('Mary\u2010Jane', 'Watson', { email: 'mj.watson@example.com' }), link('mary_jane')),
  q('ASCII hyphen for the non-breaking one, by name only', who('Jean-Luc', 'Picard'), link('jean_luc')),
  q('no hyphen, by phone', who('Jean Luc', 'Picard', { phone: '+33 6 12 34 00 00' }), link('jean_luc')),

  // ß and the Turkish i.
  q('STRAUSS for Strauß, by name only', who('Johann', 'STRAUSS'), link('strauss')),
  q('ss for ß, email', who('Johann', 'Strauss', { email: 'johann.strauss@example.at' }), link('strauss')),
  q('WEISS for Weiß, by name only', who('GRETEL', 'WEISS'), link('gretel')),
  q('ss for ß, by phone', who('Gretel', 'Weiss', { phone: '+49 170 1234567' }), link('gretel')),
  q('IŞIL IŞIK in capitals, by name only', who('IŞIL', 'IŞIK'), link('isil')),
  q('dotless i typed plain, email', who('Isil', 'Isik', { email: 'isil.isik@example.com.tr' }), link('isil')),
  q('capitals without the Turkish letters, by phone', who('ISIL', 'ISIK', { phone: '+90 532 123 45 67' }), link('isil')),
  q('dotted capital İ, by name only', who('İBRAHİM', 'YILMAZ'), link('ibrahim')),
  q('plain letters, email', who('Ibrahim', 'Yilmaz', { email: 'ibrahim@example.com.tr' }), link('ibrahim')),

  // Other scripts.
  q('Greek capitals (final sigma), by name only', who('ΝΙΚΟΣ', 'ΠΑΠΑΔΟΠΟΥΛΟΣ'), link('nikos')),
  q('Greek name in Latin letters, email', who('Nikos', 'Papadopoulos', { email: 'nikos@example.gr' }), link('nikos')),
  q('Greek landline', who('Ελένη', 'Γεωργίου', { phone: '+30 210 123 4567' }), link('eleni')),
  q('Greek capitals without accents, by name only', who('ΕΛΕΝΗ', 'ΓΕΩΡΓΙΟΥ'), link('eleni')),
  q('Japanese, email', who('花子', '山田', { email: 'hanako.yamada@example.jp' }), link('hanako')),
  q('family name first (fields swapped), email', who('山田', '花子', { email: 'hanako.yamada@example.jp' }), link('hanako')),
  q('romaji, by phone', who('Hanako', 'Yamada', { phone: '+81 90 1234 5678' }), link('hanako')),
  q('kanji, by name only', who('健', '佐藤'), link('ken')),
  q('half-width katakana, by name only', who('ﾀﾛｳ', 'ﾀﾅｶ'), link('taro')),
  q('romaji, email', who('Taro', 'Tanaka', { email: 'taro.tanaka@example.jp' }), link('taro')),
  q('Cyrillic capitals with Ё, by name only', who('ПЁТР', 'ИВАНОВ'), link('petr')),
  q('Cyrillic е for ё, email', who('Петр', 'Иванов', { email: 'petr.ivanov@example.ru' }), link('petr')),
  q('Russian name in Latin letters, by phone', who('Pyotr', 'Ivanov', { phone: '+7 916 123-45-67' }), link('petr')),
  q('Russian mobile', who('Анна', 'Смирнова', { phone: '+7 903 123 45 67' }), link('anna_s')),
  q('Chinese, email', who('芳', '王', { email: 'wang.fang@example.cn' }), link('wang_fang')),
  q('Chinese name in pinyin, by phone', who('Fang', 'Wang', { phone: '+86 138 1234 5678' }), link('wang_fang')),

  // A family's email.
  q('the daughter by name', who('Emily', 'Taylor', { email: 'taylor.family@example.com' }), link('emily')),
  q(
    'the mother by name and landline',
    who('Margaret', 'Taylor', { email: 'taylor.family@example.com', phone: '01632 960100' }),
    link('margaret'),
  ),
  q('the family email and an unknown phone, no name', { email: 'taylor.family@example.com', phone: '07700 900999' }, STOP),
  q(
    'the couple’s email and an unknown phone: not the one without a phone by elimination',
    { email: 'smiths@example.com', phone: '07700 900888' },
    STOP,
  ),
  q('the wife by name', who('Jane', 'Smith', { email: 'smiths@example.com' }), link('jane_smith')),
  q('the husband by name and phone', who('John', 'Smith', { email: 'smiths@example.com', phone: '07700 900102' }), link('john_smith')),
  q('their son, not on record, with his phone', who('Tom', 'Smith', { email: 'smiths@example.com', phone: '07700 900555' }), NEW),
  q('the father, not on record', who('David', 'Taylor', { email: 'taylor.family@example.com' }), NEW),
  q(
    'the daughter from the home landline her mother has',
    who('Emily', 'Taylor', { email: 'taylor.family@example.com', phone: '01632 960100' }),
    link('emily'),
  ),
  q('a member by name', who('Priya', 'Shah', { email: 'shah.home@example.net' }), link('priya')),
  q('a member by phone, no name', { email: 'shah.home@example.net', phone: '07700 900104' }, link('dev')),
  q('the member without a phone, by name', who('Anika', 'Shah', { email: 'shah.home@example.net' }), link('anika')),
  q('the family name only', { email: 'shah.home@example.net', last_name: 'Shah' }, STOP),
  q(
    'a member ordering from her husband’s phone',
    who('Priya', 'Shah', { email: 'shah.home@example.net', phone: '07700 900104' }),
    link('priya'),
  ),
  q(
    'the wife by name on the shared email and landline',
    who('Ngozi', 'Okafor', { email: 'okafor@example.org', phone: '01632 960101' }),
    link('ngozi'),
  ),
  q('the shared email and landline, no name', { email: 'okafor@example.org', phone: '01632 960101' }, STOP),
  q('Müller written Mueller, shared email', who('Anna', 'Mueller', { email: 'mueller.familie@example.de' }), link('anna_mueller')),
  q(
    'the father by name and phone',
    who('Jürgen', 'Müller', { email: 'mueller.familie@example.de', phone: '+49 30 12345601' }),
    link('juergen'),
  ),

  // Shared landlines.
  q('the husband on the shared landline', who('Peter', 'Brown', { phone: '01632 960102' }), link('peter_brown')),
  q('the wife on the shared landline', who('Susan', 'Brown', { phone: '01632 960102' }), link('susan_brown')),
  q(
    'the landline and an unknown email, no name: not the one without an email by elimination',
    { phone: '01632 960102', email: 'brown.kids@example.com' },
    STOP,
  ),
  q('the father, by his email', who('Robert', 'King', { email: 'robert.king@example.com', phone: '01632 960103' }), link('robert_king')),
  q('the son, by his email', who('Robert', 'King', { email: 'rob.king.jr@example.com' }), link('robert_king_jr')),
  q(
    'a Robert King on their landline with a third email',
    who('Robert', 'King', { email: 'rking.new@example.com', phone: '01632 960103' }),
    STOP,
  ),
  q('a Robert King on their landline, no email', who('Robert', 'King', { phone: '01632 960103' }), STOP),
  q(
    'the daughter not on record, with her own email, on her mother’s landline',
    who('Lucy', 'Ward', { email: 'lucy.ward@uni.example', phone: '01632 960104' }),
    NEW,
  ),
  q('the daughter not on record on her mother’s landline', who('Lucy', 'Ward', { phone: '01632 960104' }), NEW),
  q('the mother on her landline', who('Helen', 'Ward', { phone: '01632 960104' }), link('helen_ward')),

  // The switchboard and its extensions.
  q('extension and email', who('Raj', 'Patel', { email: 'raj.patel@acme.example', phone: '020 7946 0000 ext. 12' }), link('raj')),
  q('extension written x12', who('Raj', 'Patel', { phone: '020 7946 0000 x12' }), link('raj')),
  q('RFC 3966 extension, no name', { phone: '+44 20 7946 0000;ext=14' }, link('laura')),
  q('extension, by phone', who('Tom', 'Becker', { phone: '020 7946 0000 ext 15' }), link('tom_becker')),
  q('the switchboard without his extension, and his name', who('Tom', 'Becker', { phone: '020 7946 0000' }), link('tom_becker')),
  q('a new colleague on her own extension', who('Nadia', 'Osei', { email: 'nadia@acme.example', phone: '020 7946 0000 ext. 22' }), NEW),
  q('the one on the bare switchboard, by name', who('Sam', 'Lee', { phone: '020 7946 0000' }), link('sam_lee')),
  q('the bare switchboard, no name', { phone: '020 7946 0000' }, STOP),
  q(
    'another extension than Raj’s, his name',
    who('Raj', 'Patel', { email: 'raj.patel@acme.example', phone: '020 7946 0000 ext. 99' }),
    link('raj'),
  ),

  // An office line.
  q('a colleague on the office line', who('Mia', 'Wong', { phone: '020 7946 0050' }), link('mia')),
  q('the other colleague, with email', who('Ben', 'Carter', { email: 'ben@northwind.example', phone: '020 7946 0050' }), link('ben')),
  q('a new colleague on the office line', who('Zara', 'Hughes', { email: 'zara@northwind.example', phone: '020 7946 0050' }), NEW),
  q('the office line, no name', { phone: '020 7946 0050' }, STOP),

  // A person with two emails.
  q('her other email with her phone and name', who('Anna', 'Kowalska', { email: 'anna.k@home.example', phone: '+48 601 234 567' }), STOP),
  q('her email on record', who('Anna', 'Kowalska', { email: 'anna@work.example.pl' }), link('anna_k')),
  q('her phone only', who('Anna', 'Kowalska', { phone: '+48 601 234 567' }), link('anna_k')),
  q('another email with her own phone and name', who('Grace', 'Okafor', { email: 'grace@newjob.example', phone: '07700 900127' }), STOP),
  q('her own email with the home landline', who('Margaret', 'Taylor', { email: 'margaret.t@example.com', phone: '01632 960100' }), STOP),

  // Namesakes.
  q('the first David Miller by email', who('David', 'Miller', { email: 'david.miller@example.com' }), link('david_m1')),
  q('the second David Miller by email', who('David', 'Miller', { email: 'dmiller@example.net' }), link('david_m2')),
  q('a third David Miller: not the one without a phone by elimination', who('David', 'Miller', { email: 'd.miller@third.example' }), NEW),
  q('the first David Miller by phone', who('David', 'Miller', { phone: '07700 900110' }), link('david_m1')),
  q('David Miller by name only', who('David', 'Miller'), STOP),
  q(
    'a new Emma Harper with her own email and phone: not the name-only one',
    who('Emma', 'Harper', { email: 'emma.h@own.example', phone: '07700 900140' }),
    NEW,
  ),
  q('Emma Harper by name only', who('Emma', 'Harper'), link('emma_harper')),
  q('the first James Wilson by email', who('James', 'Wilson', { email: 'james.wilson@example.com' }), link('james_w1')),
  q('the second James Wilson by phone', who('James', 'Wilson', { phone: '07700 900112' }), link('james_w2')),
  q('a third James Wilson', who('James', 'Wilson', { email: 'j.wilson@new.example' }), NEW),
  q('James Wilson by name only', who('James', 'Wilson'), STOP),
  q('Sarah Jones by name only (two on record)', who('Sarah', 'Jones'), STOP),
  q('a Sarah Jones with her own email', who('Sarah', 'Jones', { email: 'sarah.jones@example.com' }), NEW),
  q('Priya Shah with another email only', who('Priya', 'Shah', { email: 'priya@work.example' }), NEW),

  // The venue's crowded phone.
  q(
    'a new guest with her own email on the venue’s phone',
    who('Poppy', 'Adair', { email: 'poppy.adair@example.com', phone: '01632 960200' }),
    NEW,
  ),
  q('a new guest on the venue’s phone', who('Poppy', 'Adair', { phone: '01632 960200' }), NEW),
  q('a guest on record by name on the venue’s phone', who('Ruth', 'Ellison', { phone: '01632 960200' }), link('ruth')),
  q(
    'a guest on record with an email Studio lacks',
    who('Ruth', 'Ellison', { email: 'ruth.e@example.com', phone: '01632 960200' }),
    link('ruth'),
  ),
  q('the venue by its email', who('Riverside Hall', 'Events', { email: 'events@riverside-hall.example' }), link('venue')),
  q(
    'one of the many guests, by name on the venue’s phone',
    who('Abigail', 'Ashby', { phone: '+44 1632 960200' }),
    link('guest_abigail_ashby'),
  ),
  q('the venue’s phone alone', { phone: '01632 960200' }, STOP),

  // Nobody on record.
  q('new client', who('Theo', 'Marsh', { email: 'theo.marsh@example.com', phone: '07700 900150' }), NEW),
  q('new client, Portuguese mobile', who('Inês', 'Duarte', { email: 'ines@example.pt', phone: '+351 912 345 678' }), NEW),
  q('new client, Japanese', who('健二', '森', { email: 'kenji.mori@example.jp' }), NEW),
  q('new client', who('Fatima', 'Zahra', { email: 'fatima@example.ma' }), NEW),
  q('a near-namesake (one t) with his own email', who('Oliver', 'Bennet', { email: 'oliver.b@other.example' }), NEW),
  q('new client', who('Hannah', 'Reid', { email: 'hannah.reid@example.com' }), NEW),
  q('new client by name only', who('Quentin', 'Fairweather'), NEW),
  q('new client by phone only', who('Rosa', 'Lind', { phone: '07700 900160' }), NEW),
  q('new client with a Greek name', who('Γιάννης', 'Κωνσταντίνου', { email: 'giannis@example.gr' }), NEW),
  q('new client with a Turkish name', who('Ayşe', 'Demir', { email: 'ayse.demir@example.com.tr', phone: '+90 533 765 43 21' }), NEW),
  q('new client with a Cyrillic name', who('Ольга', 'Соколова', { email: 'olga@example.ru' }), NEW),
  q('a new Smith on the couple’s email', who('Harriet', 'Smith', { email: 'smiths@example.com' }), NEW),
  q('a new Shah on the family email', who('Ravi', 'Shah', { email: 'shah.home@example.net' }), NEW),
  q('a new member at the Okafors’ landline', who('Tobi', 'Okafor', { phone: '01632 960101' }), NEW),
  q('a new colleague on the bare switchboard', who('Priyanka', 'Rao', { phone: '020 7946 0000' }), NEW),
  q('a new client calling from Raj’s extension', who('Marta', 'Nowak', { email: 'marta@example.pl', phone: '020 7946 0000 ext. 12' }), NEW),
];
