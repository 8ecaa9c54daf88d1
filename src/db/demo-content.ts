// The demo newsroom, World Weekly News, as plain data: every word the seed writes into a new database.
import type { Block, FeaturedImage, AuthorLink } from '../shared/content-types.js'
import type { REPLY_STATUSES } from './schema.js'

/** Every demo date is computed from this instant, so two seeded databases are identical. */
export const DEMO_ANCHOR = '2026-11-20T08:00:00.000Z'

export interface DemoSection {
  slug: string
  name: string
  description: string
  /** The parent's slug; parents come before their children. */
  parent: string | null
}

export interface DemoAuthor {
  slug: string
  name: string
  jobTitle: string
  bio: string
  email: string
  links: AuthorLink[]
}

export interface DemoTag {
  slug: string
  name: string
}

interface DemoPhoto {
  alt: string
  caption: string
}

/** An article written as parts; the seed assembles its body blocks. */
export interface DemoStory {
  headline: string
  subtitle: string
  excerpt: string
  /** Section slug. */
  section: string
  dateline: string | null
  /** Author slugs in byline order. */
  authors: [string, ...string[]]
  /** Tag slugs. */
  tags: string[]
  image?: DemoPhoto
  /** Inline markup allowed; sub-headings go before the third and fourth paragraphs. */
  paragraphs: [string, string, ...string[]]
  headings: string[]
  quote?: { text: string, cite: string }
  /** Follows the second paragraph, which introduces it. */
  list?: { style: 'bullet' | 'ordered', items: string[] }
  /** A second photo, after the first paragraph. */
  figure?: DemoPhoto
  embed?: { kind: 'video' | 'chart', title: string }
  featured?: boolean
}

export type DemoUnpublishedStory = DemoStory & ({ status: 'draft' } | { status: 'scheduled', scheduledAt: string })

export interface DemoFlagship {
  slug: string
  headline: string
  subtitle: string
  excerpt: string
  section: string
  dateline: string
  authors: [string, ...string[]]
  tags: string[]
  image: FeaturedImage
  body: Block[]
}

export interface DemoReply {
  /** The article's slug. */
  article: string
  /** A name later replies use as their parent. */
  key?: string
  parent?: string
  authorName: string
  authorEmail: string
  body: string
  status: typeof REPLY_STATUSES[number]
  minutesAfterPublication: number
}

export const SECTIONS: DemoSection[] = [
  { slug: 'world', name: 'World', parent: null, description: 'International news and analysis from our correspondents around the globe.' },
  { slug: 'africa', name: 'Africa', parent: 'world', description: 'Reporting from across the African continent, from the Sahel to the Cape.' },
  { slug: 'politics', name: 'Politics', parent: null, description: 'Elections, parliaments, policy and the people who shape them.' },
  { slug: 'business', name: 'Business', parent: null, description: 'Markets, trade, work and the companies that drive the economy.' },
  { slug: 'technology', name: 'Technology', parent: null, description: 'How technology changes the way we live, work and talk to each other.' },
  { slug: 'culture', name: 'Culture', parent: null, description: 'Film, music, books, theatre and the arts, reviewed and reported.' },
  { slug: 'science', name: 'Science', parent: null, description: 'Discoveries, research and the people behind them, explained.' },
  { slug: 'opinion', name: 'Opinion', parent: null, description: 'Columns, editorials and arguments from our writers and guests.' },
  { slug: 'europe', name: 'Europe', parent: 'world', description: 'News from across Europe, from the Baltic to the Mediterranean.' },
  { slug: 'americas', name: 'Americas', parent: 'world', description: 'Reporting from North, Central and South America and the Caribbean.' },
  { slug: 'asia-pacific', name: 'Asia-Pacific', parent: 'world', description: 'News from Asia and the Pacific, from the Indian subcontinent to the islands of Oceania.' },
  { slug: 'middle-east', name: 'Middle East', parent: 'world', description: 'Reporting from the Middle East and the Gulf.' },
  // Launching next month, so no article uses it yet.
  { slug: 'podcasts', name: 'Podcasts', parent: null, description: 'Our weekly conversations with the reporters behind the stories.' }
]

export const AUTHORS: DemoAuthor[] = [
  {
    slug: 'adrian-ovalle',
    name: 'Adrian Ovalle',
    jobTitle: 'Editor',
    bio: 'Adrian Ovalle is the editor of World Weekly News. He spent fifteen years as a foreign correspondent in West and Central Africa, reporting from the Sahel, the Lake Chad basin and the Gulf of Guinea, before coming back to the desk to run the newsroom. He still files from the field whenever the budget allows.',
    email: 'adrian.ovalle@worldweeklynews.example',
    links: [{ label: 'Mastodon', url: 'https://mastodon.example/@adrianovalle' }, { label: 'Website', url: 'https://adrianovalle.example' }]
  },
  {
    slug: 'halima-dembele',
    name: 'Halima Dembélé',
    jobTitle: 'Africa correspondent',
    bio: 'Halima Dembélé covers West and East Africa from Dakar. She writes about farming, energy and the cities growing fastest on the continent, and has reported from more than twenty countries. She speaks French, Wolof and Bambara.',
    email: 'halima.dembele@worldweeklynews.example',
    links: [{ label: 'Bluesky', url: 'https://bsky.example/profile/halimadembele' }]
  },
  {
    slug: 'tomasz-wierzbicki',
    name: 'Tomasz Wierzbicki',
    jobTitle: 'Political editor',
    bio: 'Tomasz Wierzbicki leads our politics coverage. Before joining World Weekly News he reported on parliaments in Warsaw and Brussels for a decade. He is most interested in how elections are run, and in the local decisions that shape daily life more than any national campaign.',
    email: 'tomasz.wierzbicki@worldweeklynews.example',
    links: [{ label: 'Mastodon', url: 'https://mastodon.example/@twierzbicki' }]
  },
  {
    slug: 'priya-raghunathan',
    name: 'Priya Raghunathan',
    jobTitle: 'Technology reporter',
    bio: 'Priya Raghunathan writes about technology and the people who use it, from repair shops to data centres. She trained as a software engineer in Bengaluru before switching to journalism, and still reads the manual before the press release.',
    email: 'priya.raghunathan@worldweeklynews.example',
    links: [{ label: 'Bluesky', url: 'https://bsky.example/profile/priyaraghu' }, { label: 'Website', url: 'https://priyaraghunathan.example' }]
  },
  {
    slug: 'jonah-achterberg',
    name: 'Jonah Achterberg',
    jobTitle: 'Business reporter',
    bio: 'Jonah Achterberg covers trade, shipping and small business from Rotterdam. He has spent time on container ships, cocoa farms and the trading floors that price them, and likes a story best when it starts with a receipt.',
    email: 'jonah.achterberg@worldweeklynews.example',
    links: [{ label: 'Mastodon', url: 'https://mastodon.example/@jachterberg' }]
  },
  {
    slug: 'celia-marchetti',
    name: 'Célia Marchetti',
    jobTitle: 'Culture critic',
    bio: 'Célia Marchetti reviews film, music, books and theatre. She grew up above a cinema in Marseille, has sat on festival juries in three countries and believes a review should tell you whether to buy a ticket within the first paragraph.',
    email: 'celia.marchetti@worldweeklynews.example',
    links: [{ label: 'Website', url: 'https://celiamarchetti.example' }]
  },
  {
    slug: 'ingrid-solheim',
    name: 'Ingrid Solheim',
    jobTitle: 'Science writer',
    bio: 'Ingrid Solheim writes about climate, oceans and space. A former marine biologist, she has joined research cruises in the Arctic and the Pacific and is happiest explaining what a new study does not show as well as what it does.',
    email: 'ingrid.solheim@worldweeklynews.example',
    links: [{ label: 'Mastodon', url: 'https://mastodon.example/@isolheim' }]
  },
  {
    slug: 'mateo-ibarra',
    name: 'Mateo Ibarra',
    jobTitle: 'Americas correspondent',
    bio: 'Mateo Ibarra reports from Latin America from his base in Bogotá. He covers water, mining and migration, and spent his early career at a regional newspaper in the Andes where he learned that every national story is also a local one.',
    email: 'mateo.ibarra@worldweeklynews.example',
    links: [{ label: 'Bluesky', url: 'https://bsky.example/profile/mateoibarra' }]
  },
  {
    slug: 'nadia-farouk',
    name: 'Nadia Farouk',
    jobTitle: 'Foreign correspondent',
    bio: 'Nadia Farouk covers the Middle East and Asia, dividing her time between Amman and Singapore. She writes about water, cities and the people adapting to a hotter climate, and keeps a notebook of every taxi driver’s opinion.',
    email: 'nadia.farouk@worldweeklynews.example',
    links: [{ label: 'Mastodon', url: 'https://mastodon.example/@nadiafarouk' }]
  },
  // Joined this week: no byline yet.
  {
    slug: 'samir-haddad',
    name: 'Samir Haddad',
    jobTitle: 'Trainee reporter',
    bio: 'Samir Haddad joined World Weekly News from a regional daily in Tripoli, where he covered the port and the courts. He is learning the desk one shift at a time.',
    email: 'samir.haddad@worldweeklynews.example',
    links: []
  }
]

export const TAGS: DemoTag[] = [
  { slug: 'elections', name: 'Elections' },
  { slug: 'climate', name: 'Climate' },
  { slug: 'agriculture', name: 'Agriculture' },
  { slug: 'energy', name: 'Energy' },
  { slug: 'water', name: 'Water' },
  { slug: 'migration', name: 'Migration' },
  { slug: 'health', name: 'Health' },
  { slug: 'trade', name: 'Trade' },
  { slug: 'artificial-intelligence', name: 'Artificial intelligence' },
  { slug: 'space', name: 'Space' },
  { slug: 'film', name: 'Film' },
  { slug: 'music', name: 'Music' },
  { slug: 'books', name: 'Books' },
  { slug: 'transport', name: 'Transport' },
  { slug: 'cities', name: 'Cities' },
  { slug: 'oceans', name: 'Oceans' },
  { slug: 'inflation', name: 'Inflation' },
  { slug: 'education', name: 'Education' },
  { slug: 'media', name: 'Media' },
  { slug: 'repair', name: 'Repair' },
  { slug: 'work', name: 'Work' },
  { slug: 'theatre', name: 'Theatre' }
]

/** Article 1: the wire story the demo opens on, its body written out block by block. */
export const FLAGSHIP: DemoFlagship = {
  slug: 'lake-chad-fishermen-return-as-waters-rise',
  headline: 'Lake Chad’s fishermen return as the waters rise',
  subtitle: 'After years of retreat, the lake’s southern pool is spreading back towards villages that had given up on it, and the boats are coming back with it.',
  excerpt: 'Two generous rainy seasons have pushed Lake Chad’s southern waters back towards villages that had turned to farming the dry lakebed. The fishermen are returning, and so are old disputes over who may fish where.',
  section: 'africa',
  dateline: "N'DJAMENA, Chad",
  authors: ['adrian-ovalle'],
  tags: ['climate', 'water', 'agriculture', 'trade'],
  image: {
    url: 'https://images.worldweeklynews.example/articles/lake-chad-fishermen-return-as-waters-rise.jpg',
    alt: 'Fishermen haul a net into a wooden canoe on open water at dawn',
    caption: 'Fishermen from Bol bring in the morning catch on the southern pool of Lake Chad.',
    credit: 'Photo: Idriss Mahamat for World Weekly News'
  },
  body: [
    { type: 'paragraph', text: 'Before sunrise on the shore near Bol, the only sounds are the slap of water against wooden hulls and the murmur of men untangling nets by torchlight. Five years ago this spot was a field of sorghum. Today it is the water’s edge again, and <b>the fishermen are back</b>.' },
    { type: 'paragraph', text: 'Two unusually generous rainy seasons have swollen the rivers that feed Lake Chad from the south, and the lake’s southern pool has spread across land that had been dry for the better part of a decade. Along the Chadian shore, families who turned to farming the exposed lakebed are dusting off boats that had been stored under tarpaulins, or sold for firewood.' },
    { type: 'heading', level: 2, text: 'A lake that breathes' },
    { type: 'paragraph', text: 'Lake Chad has long been described as a lake that is dying. Its open water shrank dramatically in the second half of the last century, and the image of a vanishing lake became a symbol of climate change in Africa. Hydrologists now paint a more complicated picture.' },
    { type: 'paragraph', text: '“Lake Chad is shallow, and it has always breathed,” said Fatimé Hassane, a hydrologist who has studied the basin for twenty years. “It expands in wet years and contracts in dry ones. What changed is how many people now depend on every square kilometre of it, and how little room they have to move when it shifts.”' },
    { type: 'paragraph', text: 'Satellite measurements show the southern pool holding more water this year than at any time in at least a decade, though the northern basin, across the border in Niger, remains largely dry. Scientists caution that <em>two good years are not a trend</em>: the rains that refilled the lake could fail again next season.' },
    { type: 'heading', level: 2, text: 'Back on the water' },
    { type: 'paragraph', text: 'In the fishing camp at the edge of Bol, Moussa Abakar, 52, is mending a net with a needle carved from bone. He fished here as a young man, then grew maize and beans on the lakebed when the water withdrew. This season he went back to fishing, with two of his sons.' },
    { type: 'quote', text: 'The lake gave us fish, then it gave us fields. Now it wants to give us fish again. We have learned not to argue with it.', cite: 'Moussa Abakar, fisherman in Bol' },
    { type: 'paragraph', text: 'Catches of tilapia and catfish have risen quickly, traders say, because both species breed fast in warm, shallow water. Smoked fish from the lake is again reaching the markets of N’Djamena in quantity, and prices there have eased for the first time in years.' },
    { type: 'promo', slot: 'newsletter-signup' },
    { type: 'heading', level: 2, text: 'Who owns the catch' },
    { type: 'paragraph', text: 'The return of the water has also revived old disputes. When the lake withdrew, farmers and herders laid claim to the newly exposed land, sometimes with the blessing of local chiefs and sometimes without. Now that land is flooding again, and families who planted crops there want compensation, or at least a say in who may fish above their fields.' },
    { type: 'paragraph', text: 'Local fishing committees of elders, boat owners and <em>traditional authorities</em> are trying to set rules for the new season: which areas are open, which mesh sizes are allowed and how much each boat owner pays towards the upkeep of landing sites. Enforcement is patchy, and insecurity around some of the islands still keeps many crews close to shore.' },
    { type: 'heading', level: 2, text: 'Markets across the border' },
    { type: 'paragraph', text: 'Fish from the lake has always travelled. Smoked and dried catfish once moved by the truckload to markets in Nigeria and Cameroon, until conflict and border closures cut many of those routes. Traders in N’Djamena say buyers from across the border are asking for lake fish again, though checkpoints and fuel prices eat into every sack that crosses.' },
    { type: 'paragraph', text: 'The women who smoke and sell the catch are among the first to benefit. In Bol, a cooperative of fish smokers has pooled its savings to build improved ovens that burn less firewood, a scarce commodity around the lake, and produce fish that keeps longer on the road. Their work is part of <a href="https://www.worldweeklynews.example/sections/africa">our continuing coverage from across Africa</a>.' },
    { type: 'heading', level: 2, text: 'What the rains cannot fix' },
    { type: 'paragraph', text: 'For all the relief along the shore, aid workers warn that the lake’s recovery is fragile. Millions of people around the basin depend on it for food, water and work, and many of them were uprooted by years of violence. Rising water can also swamp homes and fields, and outbreaks of waterborne disease tend to follow a flood.' },
    { type: 'paragraph', text: 'Back at the water’s edge, as the boats push off into the grey light, Abakar watches his sons raise the sail on a canoe he built himself. “When I was their age, I thought the lake would always be here,” he said. “Then I thought it would never come back. Now I tell them: <em>fish while the water is here</em>, and plant when it leaves.”' }
  ]
}

/** The other published articles, newest first: the seed spreads them back over two years. */
export const STORIES: DemoStory[] = [
  {
    headline: 'Volunteer divers watch a replanted reef spawn for the first time',
    subtitle: 'Corals grown on underwater frames off Queensland released their eggs this week, a small sign that restoration can take hold.',
    excerpt: 'Corals raised on steel frames off the Queensland coast spawned for the first time this week. Scientists call it a modest but real milestone for reef restoration.',
    section: 'science',
    dateline: 'CAIRNS, Australia',
    authors: ['ingrid-solheim'],
    tags: ['oceans', 'climate'],
    image: { alt: 'Pink bundles of coral eggs rising through dark water', caption: 'Coral spawn drifts towards the surface above a restoration frame.' },
    paragraphs: [
      'Just after ten at night, three days after the full moon, the water around a row of steel frames off the Queensland coast turned briefly pink. Corals that volunteers had wired onto the frames four years ago were <b>spawning for the first time</b>, releasing bundles of eggs and sperm that drifted up towards the surface.',
      'The nursery is one of dozens along the coast run by tourism operators, marine biologists and local dive clubs. Fragments broken off by storms are collected, grown on racks and then fixed to damaged patches of reef. Until now, nobody could say whether the transplants would ever breed.',
      '“Survival was the first question, growth was the second, and this was always the third,” said Kirra Walsh, a marine ecologist who has logged more than six hundred dives at the site. “A coral that spawns is a coral that belongs here.”',
      'Researchers warn against reading too much into one night. Restored patches cover a tiny fraction of the reef, and a single marine heatwave can bleach years of work in a fortnight. The frames are also expensive to build and need regular cleaning.',
      'The team plans to collect some of the larvae next season and settle them on tiles in the lab, to see whether the offspring of transplanted corals cope better with warm water than their wild neighbours.'
    ],
    headings: ['Years of waiting'],
    quote: { text: 'We are not rebuilding the reef. We are buying it time, one frame at a time.', cite: 'Kirra Walsh, marine ecologist' },
    figure: { alt: 'A diver cleans algae from a steel frame covered in young corals', caption: 'A volunteer clears algae from a coral frame before the spawning season.' },
    embed: { kind: 'video', title: 'Night dive: the first spawning on the nursery frames' }
  },
  {
    headline: 'Cities recruit a new generation of poll workers as veterans retire',
    subtitle: 'Election offices are turning to students and recent retirees alike to staff polling stations, and rewriting training that had not changed in decades.',
    excerpt: 'Election offices are struggling to replace long-serving poll workers. Their answer: shorter shifts, better pay and training that fits on a phone.',
    section: 'politics',
    dateline: null,
    authors: ['tomasz-wierzbicki'],
    tags: ['elections', 'cities', 'education'],
    image: { alt: 'Poll workers set up voting booths in a school gymnasium', caption: 'Poll workers prepare a polling station the evening before a vote.' },
    paragraphs: [
      'For thirty years, Margit Halloran spent every election day at the same folding table in a school gymnasium, checking names against a printed register. This year she stayed at home. “My knees voted for me,” she said.',
      'Election administrators say her story is common. The people who staff polling stations are mostly retired, and many who started in the 1990s are now stepping back. Offices that once relied on word of mouth are advertising instead, and offering:',
      'The work itself has changed. Poll workers now handle electronic registers, accessible voting machines and a steady trickle of voters filming the process on their phones. Trainers say the hardest skill to teach is calm: explaining a rule politely to someone who is convinced it is wrong.',
      'Early results are encouraging. One regional office reported that more than a third of its new recruits were under thirty, and most said they would come back. Whether they do may depend on something no training can fix: how heated the next campaign becomes.'
    ],
    headings: ['Training for a different job'],
    quote: { text: 'A polling station runs on trust, and trust is built by people the neighbours recognise.', cite: 'A regional election officer' },
    list: {
      style: 'bullet',
      items: [
        'Shorter split shifts instead of a single fifteen-hour day',
        'Pay that matches the local minimum wage, with travel costs covered',
        'Training videos that can be watched on a phone, followed by one practice session',
        'Places reserved for students, who can count the day towards civic-education credits'
      ]
    }
  },
  {
    headline: 'Container rates slide as a wave of new ships floods the market',
    subtitle: 'Freight prices between Asia and northern Europe have fallen for six weeks running, and carriers are cancelling sailings to hold the line.',
    excerpt: 'Shipping a container from East Asia to northern Europe has become steadily cheaper as newly built ships enter service. Importers are pleased; the carriers are cancelling departures.',
    section: 'business',
    dateline: 'ROTTERDAM, Netherlands',
    authors: ['jonah-achterberg'],
    tags: ['trade', 'transport'],
    image: { alt: 'Stacks of coloured shipping containers beside cranes at a port', caption: 'Containers waiting to be loaded at the Maasvlakte terminals.' },
    paragraphs: [
      'The price of shipping a container from East Asia to northern Europe has fallen for a sixth consecutive week, freight brokers said on Friday, as a wave of newly built ships enters service faster than demand can absorb them.',
      'Shipping lines ordered hundreds of large vessels when rates spiked a few years ago. Those ships are now leaving the yards, and carriers are cutting prices to fill them. Some have begun <em>blank sailings</em>, cancelling scheduled departures to keep capacity tight.',
      'For retailers, cheaper freight arrives at a useful moment before the holiday season. A furniture importer near the port said her cost per container had roughly halved since the spring. “We are not passing all of it on yet,” she added. “We remember what happened last time.”',
      'Analysts caution that rates can turn quickly. Port congestion, a labour dispute or a disruption at a major canal could erase the surplus within weeks. Several carriers are also scrapping older, less efficient ships earlier than planned to meet tighter emissions rules.'
    ],
    headings: ['Good news for importers, for now'],
    embed: { kind: 'chart', title: 'Spot container rates, Shanghai to Rotterdam, over the last 52 weeks' }
  },
  {
    headline: 'A century-old cinema reopens, run by the neighbours who saved it',
    subtitle: 'Two thousand residents bought shares to rescue the Orion Picture House from conversion into flats. On Saturday night, they got their seats back.',
    excerpt: 'A community society of more than two thousand shareholders has reopened a historic Glasgow cinema that closed eight years ago. Members will help choose what it shows.',
    section: 'culture',
    dateline: 'GLASGOW, Scotland',
    authors: ['celia-marchetti'],
    tags: ['film', 'cities'],
    featured: true,
    image: { alt: 'A queue of people under the lit marquee of an art deco cinema at night', caption: 'The queue for the first screening at the Orion Picture House.' },
    paragraphs: [
      'When the lights dimmed at the Orion on Saturday night, the first thing the audience saw was not a film but a slide with 2,314 names on it: every person who had bought a share in the cinema since it closed its doors eight years ago.',
      'The building opened in the silent era, survived a fire and two changes of owner, and was on the brink of becoming flats before a residents’ group formed a community benefit society to buy it. They raised the deposit in eleven weeks.',
      'Members vote on part of the programme each month. The opening season mixes restored classics with new releases, and a Sunday morning slot for children’s films costs one pound. A projectionist who retired a decade ago came back to train younger volunteers on the 35mm projector that still stands beside the digital one.',
      'Community cinemas are not a guaranteed success. Several similar projects have struggled with heating bills and the cost of film rights. The Orion’s board says the bar, the café and hiring out the hall for weddings and quiz nights will carry the building through the quiet weekdays.'
    ],
    headings: ['A programme chosen by its members'],
    quote: { text: 'People kept telling us cinemas were finished. Then four hundred of them queued in the rain to get in.', cite: 'Fiona Gallacher, chair of the Orion Picture House society' },
    figure: { alt: 'Audience members in a restored art deco auditorium', caption: 'The restored auditorium on opening night.' }
  },
  {
    headline: 'Kenya’s flower farms switch to solar-powered cold rooms',
    subtitle: 'Roses bound for Europe must be chilled within hours of cutting. Growers around Lake Naivasha are replacing diesel generators with panels and batteries.',
    excerpt: 'Flower growers around Lake Naivasha are cooling their harvest with solar power instead of diesel. The savings are real, but smaller farms struggle with the upfront cost.',
    section: 'africa',
    dateline: 'NAIVASHA, Kenya',
    authors: ['halima-dembele'],
    tags: ['energy', 'agriculture', 'trade'],
    image: { alt: 'Workers carry buckets of red roses past rows of solar panels', caption: 'Freshly cut roses on their way to a solar-cooled packhouse.' },
    paragraphs: [
      'Roses cut at dawn on the shores of Lake Naivasha must be cold within hours if they are to survive the flight to Europe. For years, that meant diesel generators humming through the night whenever the grid failed.',
      'Now a growing number of farms are installing solar panels paired with batteries and insulated cold rooms. Growers say the switch has cut fuel bills and made the chain more reliable, though the upfront cost remains steep for smaller farms.',
      'Cooperatives representing smallholders say leasing schemes are starting to help. Under one model, a supplier installs a shared cold room at a collection point and charges growers by the crate rather than asking for money up front.',
      'Buyers in Europe are watching closely. Supermarkets increasingly ask for evidence of lower emissions along the supply chain, and a cooler that runs on sunlight is an easy story to tell. <b>Getting the paperwork right</b>, exporters say, is now almost as important as getting the flowers to market on time.'
    ],
    headings: ['Are small growers left behind?'],
    quote: { text: 'The sun was always our biggest input. Now it also keeps the roses cold.', cite: 'Grace Wanjiru, farm manager' }
  },
  {
    headline: 'Translation earbuds are getting good enough for the doctor’s office',
    subtitle: 'Clinics testing real-time translation devices say they help with routine questions. Interpreters warn against treating them as a cheap replacement.',
    excerpt: 'Hospitals trialling real-time translation earbuds say they work well for appointments and directions. Interpreters say consent and bad news still need a human.',
    section: 'technology',
    dateline: null,
    authors: ['priya-raghunathan'],
    tags: ['artificial-intelligence', 'health'],
    image: { alt: 'A nurse wearing a small earbud talks with a patient in a clinic', caption: 'A nurse tests translation earbuds during a routine appointment.' },
    paragraphs: [
      'In a community clinic waiting room, a nurse speaks English into a small pair of earbuds and the patient hears Tagalog a second later. The exchange is not perfect; the name of a kind of inhaler trips it up twice. But it is fast enough to hold a conversation.',
      'Real-time translation devices have improved quickly thanks to speech models that run partly on the device itself. Hospitals that trialled them say they help with routine matters such as appointments, directions and follow-up care, while trained interpreters remain essential for consent and difficult news.',
      'Testers list the same weak spots: regional dialects, medical jargon, and moments when two people talk at once. Privacy is another concern. Some devices send audio to the cloud, which many health systems forbid for conversations with patients.',
      'Interpreters’ associations have urged hospitals not to see the devices as a cheaper replacement. “A good interpreter notices when a patient nods but doesn’t understand,” one said. “The earbuds will translate the nod as yes.”'
    ],
    headings: ['Where the machines still stumble'],
    embed: { kind: 'video', title: 'How the translation earbuds performed in our test' }
  },
  {
    headline: 'Night trains return to the Alps, and the sleeper cabins sell out',
    subtitle: 'Overnight routes cut two decades ago are running again across the continent. Demand is outpacing the carriages available.',
    excerpt: 'Overnight trains are back on routes across Europe, and private cabins are selling out. Operators are ordering more carriages, but the factories are busy.',
    section: 'europe',
    dateline: 'VIENNA, Austria',
    authors: ['jonah-achterberg'],
    tags: ['transport', 'climate'],
    image: { alt: 'A blue sleeper train waits at a station platform at night', caption: 'The overnight service to Venice before departure.' },
    paragraphs: [
      'The last passengers boarded the overnight service to Venice a few minutes before ten, rolling suitcases along a platform that hardly saw a night train a decade ago. By morning they would wake up among the mountains, with coffee served in the corridor.',
      'Overnight routes that were cut in the 2000s are coming back across the continent, helped by new rolling stock, public subsidies and travellers who want to avoid short flights. Operators say demand for private cabins in particular has outstripped supply on the popular routes.',
      'Running a night train across borders remains complicated. Each country has its own safety rules, track charges and signalling systems, and a delay at one border can ripple through a whole timetable. Passenger groups say booking a journey across three operators still means visiting three websites.',
      'Operators are ordering more carriages, but the factories are busy. Until they arrive, a sold-out sleeper is both a success story and a frustration for the people who could not get a bed.'
    ],
    headings: ['Old tracks, new rules'],
    figure: { alt: 'A sleeper cabin with two made-up bunks and a small window', caption: 'A two-berth cabin in one of the new overnight carriages.' }
  },
  {
    headline: 'Students at a small Atacama telescope spot a comet the big surveys missed',
    subtitle: 'A 40-centimetre instrument run mostly by undergraduates caught a faint visitor that may be visible with binoculars next spring.',
    excerpt: 'A student-run telescope in northern Chile has found a new comet in a patch of sky the large surveys had not covered. It may brighten enough to see with binoculars.',
    section: 'science',
    dateline: 'SANTIAGO, Chile',
    authors: ['ingrid-solheim'],
    tags: ['space', 'education'],
    image: { alt: 'A small white observatory dome under a starry desert sky', caption: 'The student observatory in the Atacama desert.' },
    paragraphs: [
      'The comet was a faint smudge on a set of images taken by a 40-centimetre telescope run mostly by students. Two nights later, it had moved just enough against the background stars for the team to be sure they had found something new.',
      'Large surveys scan the sky systematically and find most new comets, but they have blind spots: regions near the Sun, crowded star fields and the gaps between their nightly routines. Smaller, nimble instruments can fill those gaps, especially from sites as dark as northern Chile.',
      'Orbital calculations suggest the comet last came through the inner solar system several thousand years ago. It will pass closest to the Sun next spring and may become bright enough to see with binoculars, though astronomers are careful not to promise a show. Comets are notoriously hard to predict.',
      'The students have reported their observations and hope to see the observatory’s name attached to the discovery. “We checked the data maybe fifty times,” said Valentina Rojas, a third-year physics student. “Then we checked it again.”'
    ],
    headings: ['Following it home']
  },
  {
    headline: 'Rooftop gardens in Amman turn grey water into shade and herbs',
    subtitle: 'In one of the world’s driest capitals, families are filtering the water from their sinks and washing machines to grow food on their roofs.',
    excerpt: 'Neighbourhood projects in Amman are teaching families to reuse household water on rooftop gardens. The plots cool top-floor flats and cut grocery bills.',
    section: 'middle-east',
    dateline: 'AMMAN, Jordan',
    authors: ['nadia-farouk'],
    tags: ['water', 'cities', 'agriculture'],
    image: { alt: 'Plastic crates of mint and tomatoes on a flat roof above the city', caption: 'A rooftop garden fed with filtered grey water in eastern Amman.' },
    paragraphs: [
      'On a rooftop in eastern Amman, mint, tomatoes and a stubborn fig tree grow in plastic crates fed by water that has already been used once, to wash dishes and clothes in the flats below.',
      'Water is among the scarcest resources in the region, and many households receive piped supply only on certain days of the week. A small network of neighbourhood projects teaches families to filter their own grey water before using it on plants. The basic kit includes:',
      'Families say the gardens cool their top-floor flats in summer and cut their grocery bills. Some sell herbs to local shops. Organisers stress that grey water is never used on leafy vegetables eaten raw, and that the systems need regular care to avoid smells and mosquitoes.',
      'Urban planners are watching with interest. If enough rooftops were planted, they say, whole streets could be a degree or two cooler on the hottest afternoons.'
    ],
    headings: ['Food, shade and a little income'],
    quote: { text: 'Every drop in this city has to work twice.', cite: 'Rana Khoury, project coordinator' },
    list: {
      style: 'bullet',
      items: [
        'A settling tank that catches grease and lint',
        'A gravel and sand filter, cleaned once a month',
        'Reed beds in shallow trays, which take up nutrients',
        'Drip lines that keep the water below the surface of the soil'
      ]
    }
  },
  {
    headline: 'A newsroom should show its corrections as proudly as its scoops',
    subtitle: 'From this week, every corrected article on our site says at the top what was wrong and when we fixed it.',
    excerpt: 'Every newsroom makes mistakes; what matters is what it does next. Our editor explains why corrections will now sit at the top of the page.',
    section: 'opinion',
    dateline: null,
    authors: ['adrian-ovalle'],
    tags: ['media'],
    image: { alt: 'A printed page marked up with red editing marks', caption: 'Corrections will now be shown at the top of each article.' },
    paragraphs: [
      'Every news organisation makes mistakes. The only real question is what it does next. At World Weekly News, we have decided to make our answer easier to find.',
      'From this week, every corrected article carries a note at the top, not the bottom, saying what was wrong and when we fixed it. A public page lists all corrections from the past year, including the small ones: a misspelt name, a wrong date, a chart with a mislabelled axis.',
      'Readers rarely stop trusting a publication because of one big mistake, handled honestly. They drift away because of a hundred small ones that were quietly edited. A correction that nobody can see looks, from the outside, exactly like a cover-up.',
      'We also want to hear from you. If you spot something wrong, the address is at the foot of every article, and an editor reads every message. Some of our best corrections this year came from readers who knew a place, a trade or a family better than we did.'
    ],
    headings: ['Why small errors matter']
  },
  {
    headline: 'Cocoa prices ease, but chocolate makers are not cutting theirs',
    subtitle: 'Futures have fallen by nearly a third this year. Shoppers should not expect cheaper bars soon, and farmers say they never saw their share of the boom.',
    excerpt: 'Cocoa futures have dropped sharply as a bigger West African harvest looks likely. Chocolate prices in the shops are expected to stay where they are.',
    section: 'business',
    dateline: "ABIDJAN, Côte d'Ivoire",
    authors: ['jonah-achterberg', 'halima-dembele'],
    tags: ['agriculture', 'trade', 'inflation'],
    image: { alt: 'Cocoa beans drying on raised mats in the sun', caption: 'Cocoa beans drying at a cooperative outside Abidjan.' },
    paragraphs: [
      'After two years of record highs, cocoa futures have fallen by nearly a third since the start of the year as better weather in West Africa lifted hopes for a larger harvest. Shoppers hoping for cheaper chocolate should not hold their breath.',
      'Manufacturers buy cocoa many months ahead, so the beans in today’s bars were bought near the peak. Many also shrank their products or changed recipes while costs were rising, and companies rarely reverse those changes quickly.',
      'In the cocoa belt, farmers say the boom brought them less than it should have. Official farm-gate prices rose, but more slowly than world prices, and disease and ageing trees meant many had fewer beans to sell. Cooperatives are pushing for a pricing system that follows the market faster.',
      'Economists expect retail prices to stabilise rather than fall. “Chocolate prices go up in the lift and come down by the stairs,” said one commodities analyst in London.'
    ],
    headings: ['Farmers want a fairer share'],
    embed: { kind: 'chart', title: 'Cocoa futures against the farm-gate price' }
  },
  {
    headline: 'The quiet campaign to make old phones last a decade',
    subtitle: 'Repair shops, consumer groups and new rules are pushing manufacturers to support phones for far longer. The weak link is software.',
    excerpt: 'A coalition of repairers and consumer groups wants phones supported with parts and updates for much longer. New rules in several markets are starting to require it.',
    section: 'technology',
    dateline: null,
    authors: ['priya-raghunathan'],
    tags: ['repair', 'climate'],
    image: { alt: 'A technician replaces a phone battery with tweezers at a workbench', caption: 'A battery replacement at an independent repair shop.' },
    paragraphs: [
      'Lars Eriksen’s repair shop sits between a bakery and a key cutter, and on most days it has a queue. His customers are not looking for the newest phone. They want the one in their pocket to keep working.',
      'A growing coalition of repair shops, consumer groups and some manufacturers wants phones supported with security updates and spare parts for far longer than the three or four years that used to be normal. New rules in several markets now require:',
      'Batteries and screens are the usual casualties. Processors and memory, by contrast, stay fast enough for everyday tasks long after purchase. The weak link is often software: when updates stop, banking and messaging apps eventually refuse to run.',
      'Manufacturers argue that sealed designs keep phones thin and water-resistant. Repairers reply that plenty of water-resistant phones can be opened with a screwdriver. The argument is now playing out in standards committees, far from the shop counter, but its result will end up in every pocket.'
    ],
    headings: ['What lasts, and what doesn’t'],
    list: {
      style: 'bullet',
      items: [
        'Batteries that a user can replace with common tools',
        'Spare parts on sale for several years after a model is discontinued',
        'Repair manuals published for independent shops',
        'Security updates for a minimum number of years, <b>stated at the point of sale</b>'
      ]
    }
  },
  {
    headline: 'In Mexico City, a neighbourhood learns to harvest the rain',
    subtitle: 'Where piped water arrives irregularly, rooftop tanks now carry many families through the wet season.',
    excerpt: 'Rainwater harvesting systems on thousands of homes in eastern Mexico City can supply a household for much of the rainy season. Engineers say they fill a gap but cannot replace the network.',
    section: 'americas',
    dateline: 'MEXICO CITY',
    authors: ['mateo-ibarra'],
    tags: ['water', 'cities'],
    image: { alt: 'Storm clouds gather over flat rooftops with water tanks', caption: 'An afternoon storm over the east of the city.' },
    paragraphs: [
      'When the afternoon storm breaks over Iztapalapa, Rosa Medina runs up to her roof, not to bring in the washing but to check that the first flush of dirty rainwater is draining away from the tank.',
      'Parts of the city’s eastern districts receive piped water irregularly, and many families buy it by the truckload at high prices. Rainwater harvesting systems, installed on tens of thousands of homes over the past few years, can supply a household for much of the wet season.',
      'The systems are simple: gutters, a filter, a diverter for the first dirty water and a storage tank. Residents are trained to maintain them, and the water is used for washing and cleaning, with further treatment needed before anyone drinks it.',
      'Engineers stress that rooftops cannot replace a reliable network. But for families who used to spend a large share of their income on water trucks, the difference is immediate. “In the rainy months I don’t think about water at all,” Medina said. “That feels like a luxury.”'
    ],
    headings: ['Filling the gap, not closing it'],
    figure: { alt: 'A blue water tank on a flat roof connected to a gutter', caption: 'A rainwater tank on a rooftop in Iztapalapa.' }
  },
  {
    headline: 'A citizens’ jury on housing asks the council to build on its own car parks',
    subtitle: 'Fifty residents chosen by lot spent six weekends on the city’s housing shortage. Renters outnumbered homeowners for the first time.',
    excerpt: 'A citizens’ jury in Utrecht has recommended building homes above council-owned car parks. The council must now explain which proposals it will adopt.',
    section: 'politics',
    dateline: 'UTRECHT, Netherlands',
    authors: ['tomasz-wierzbicki'],
    tags: ['cities'],
    image: { alt: 'Residents sit at round tables with papers and sticky notes', caption: 'Jury members during one of six weekend sessions.' },
    paragraphs: [
      'After six weekends of hearings, site visits and arguments over coffee, fifty residents chosen by lot handed the city council their recommendations on Saturday. The headline proposal: build homes on top of council-owned car parks, starting with three near the railway station.',
      'The jury was selected to mirror the city’s population by age, income, neighbourhood and housing situation. Renters outnumbered homeowners for the first time in any of the city’s advisory bodies, which several members said changed the tone of the discussion.',
      'The council has promised a formal response within three months, explaining which recommendations it will adopt and why it rejects any it does not. Critics say that is not the same as a binding vote; supporters say it is far more than a traditional consultation, which rarely gets a reply at all.',
      'Members said the experience changed their own views. “I came in thinking the answer was fewer rules,” said a retired engineer. “I’m leaving thinking the answer is better rules, written by people who actually have to live with them.”'
    ],
    headings: ['What the council must do now'],
    quote: { text: 'Nobody in that room was a politician, and nobody could hide behind a party line.', cite: 'A member of the jury' }
  },
  {
    headline: 'A novel written in two languages becomes an unlikely bestseller',
    subtitle: 'Half Portuguese, half English and never translated, The Salt Road asks readers to live with not understanding. They are buying it anyway.',
    excerpt: 'A debut novel that switches between Portuguese and English mid-sentence has become a surprise hit. Reading groups have turned its gaps into a feature.',
    section: 'culture',
    dateline: null,
    authors: ['celia-marchetti'],
    tags: ['books', 'migration'],
    image: { alt: 'A stack of paperback novels on a bookshop table', caption: 'The Salt Road on a bookshop’s front table.' },
    paragraphs: [
      'It is not an easy book to describe. Roughly half of <em>The Salt Road</em> is written in Portuguese and half in English, with no translation offered for either. Chapters switch mid-sentence when the characters do. Booksellers say it has been flying off the tables anyway.',
      'The author, a former hospital cleaner who wrote the book over eleven years of night shifts, says the structure is not a gimmick. “That is how my family talks,” she said in an interview. “Nobody in my house has ever finished a sentence in the language they started it in.”',
      'Reading groups have turned the book’s gaps into a feature. Some meet with a bilingual member who reads passages aloud; others simply guess, which several readers describe as the point. The publisher says it has received hundreds of letters from families who recognise themselves in it.',
      'Critics are divided. Some call it the most honest novel about migration in years; others find it exhausting. Both camps agree on one thing: nobody reads it quickly.'
    ],
    headings: ['Readers fill the gaps'],
    quote: { text: 'It asks you to sit with not understanding, which is what its characters do every day.', cite: 'A bookseller in Lisbon' }
  },
  {
    headline: 'Sea turtles are nesting earlier as Mediterranean beaches warm',
    subtitle: 'Thirty years of dawn patrols by volunteers show loggerheads laying their eggs about ten days sooner than they used to.',
    excerpt: 'Loggerhead turtles on a stretch of Mediterranean coast now nest about ten days earlier than three decades ago. Researchers link the shift to warmer spring seas.',
    section: 'science',
    dateline: null,
    authors: ['ingrid-solheim'],
    tags: ['oceans', 'climate'],
    image: { alt: 'A loggerhead turtle crawls up a beach at dusk', caption: 'A loggerhead heads up the beach to nest.' },
    paragraphs: [
      'Loggerhead turtles on a stretch of Mediterranean coast are laying their eggs about ten days earlier than they did three decades ago, according to a study drawing on nightly beach patrols by volunteers.',
      'The researchers linked the shift to warmer sea temperatures in spring. Because the sex of a hatchling depends on the temperature of the sand, warmer nests produce more females, and the team is tracking whether earlier nesting offsets some of that effect.',
      'The study relies on a simple method: walking the beach at first light and recording every set of flipper tracks leading from the sea to a nest. Some volunteers have done it for twenty summers, and the data set is now one of the longest of its kind.',
      'Conservationists say the findings are a reason to protect more of the coastline at the start of the season, when beach cleaning, building work and sun loungers can disturb the first nests.'
    ],
    headings: ['Counting tracks at dawn'],
    figure: { alt: 'Turtle tracks leading up a sandy beach at dawn', caption: 'Fresh tracks left by a nesting loggerhead.' }
  },
  {
    headline: 'Electric motorbike taxis win over Dakar’s riders, if not yet its mechanics',
    subtitle: 'Battery-swapping kiosks at markets and petrol stations are changing the economics of the city’s motorbike taxis.',
    excerpt: 'Leasing companies are putting electric motorbikes on Dakar’s streets with swappable batteries. Drivers like the savings; traditional mechanics are wary.',
    section: 'africa',
    dateline: 'DAKAR, Senegal',
    authors: ['halima-dembele'],
    tags: ['transport', 'energy', 'cities'],
    image: { alt: 'A motorbike taxi driver swaps a battery at a roadside kiosk', caption: 'A driver swaps a battery at a kiosk near the Sandaga market.' },
    paragraphs: [
      'The first thing riders notice is the silence. The second, drivers say, is the money: charging a battery costs a fraction of a tank of petrol, and swapping one takes less time than a fuel stop.',
      'Several companies now lease electric motorbikes to taxi drivers in Dakar, with battery-swapping kiosks at petrol stations and markets. Drivers pay a daily fee that covers the bike, the batteries and maintenance.',
      'Traditional mechanics are wary. Most of their knowledge concerns engines the new bikes do not have, and spare parts come through the leasing companies rather than the market. Some training schools have started short courses on electric drivetrains.',
      'The bigger question is scale. Thousands of petrol motorbikes crowd the city’s streets, and the leasing firms need investors to fund many more bikes and kiosks. Drivers who have switched say they are not going back.'
    ],
    headings: ['A new trade to learn'],
    quote: { text: 'I used to smell of petrol every evening. Now my wife says I smell of nothing.', cite: 'Ousmane Faye, taxi driver' },
    embed: { kind: 'video', title: 'Riding along with an electric motorbike taxi' }
  },
  {
    headline: 'Data centres are learning to follow the sun and the wind',
    subtitle: 'Facing strained grids, operators are shifting flexible computing work to the hours when clean power is plentiful.',
    excerpt: 'Some data centres now schedule work that can wait for windy and sunny hours. Engineers say about a third of a typical site’s load is flexible.',
    section: 'technology',
    dateline: null,
    authors: ['priya-raghunathan', 'jonah-achterberg'],
    tags: ['energy', 'artificial-intelligence', 'climate'],
    featured: true,
    image: { alt: 'Wind turbines beyond the low grey buildings of a data centre', caption: 'A data centre beside a wind farm in northern Europe.' },
    paragraphs: [
      'At a data centre on the edge of a northern city, the busiest hours no longer follow the working day. They follow the weather. When wind farms are producing more power than the grid needs, jobs that can wait, such as training runs, backups and video processing, are switched on.',
      'Demand for computing has surged with the spread of AI services, and grid operators in several countries have warned that new data centres could strain supplies. Operators are responding with <b>flexible scheduling</b>, on-site batteries and contracts that pay them to switch off at peak times.',
      'Live services such as search, messaging and payments cannot be paused. Engineers say perhaps a third of the load in a typical facility is flexible, though the share is higher at sites built for training models.',
      'Some operators are also selling their waste heat to district heating networks, warming homes and swimming pools nearby. Critics say such schemes are small compared with the total energy involved, and that the first question should still be whether all that computing is needed.'
    ],
    headings: ['Not every job can wait', 'The heat goes somewhere'],
    figure: { alt: 'Rows of server racks lit in blue', caption: 'A server hall where some workloads now wait for windy hours.' },
    embed: { kind: 'chart', title: 'Share of flexible computing load by hour of the day' }
  },
  {
    headline: 'Baltic fishers turn to mussel farming as cod stay scarce',
    subtitle: 'With quotas cut and boats tied up, fishing families are hanging ropes in sheltered bays, and cleaning the sea as they go.',
    excerpt: 'Fishing families on the Polish coast are trying mussel farming while cod stocks remain too low to fish. The shellfish also remove nutrients that feed algae blooms.',
    section: 'europe',
    dateline: 'GDAŃSK, Poland',
    authors: ['tomasz-wierzbicki'],
    tags: ['oceans', 'agriculture'],
    image: { alt: 'Fishing boats moored along a quiet harbour wall in winter', caption: 'Boats tied up for the winter on the Hel peninsula.' },
    paragraphs: [
      'The harbour at Władysławowo still smells of fish, but the boats tied up along the quay have mostly stayed there this winter. Cod in the southern Baltic have been too few and too small to fish for years, and herring quotas have been cut sharply.',
      'Some fishing families are trying something new: ropes hung from floating lines in sheltered bays, where mussels grow by filtering the water. The shellfish stay too small in the brackish Baltic to compete with Atlantic mussels on restaurant plates, so farmers are selling them as animal feed and fertiliser instead.',
      'Scientists are interested for another reason. Each mussel removes nitrogen and phosphorus from the water as it grows, and those nutrients, mostly from farm run-off, feed the algae blooms that starve parts of the Baltic of oxygen. Harvesting the mussels takes the nutrients out with them.',
      'Whether it can pay is another matter. Subsidies have covered much of the start-up cost, and the farmers say they need a guaranteed buyer. “We know how to work at sea,” said one former trawler captain. “We don’t yet know how to sell a mussel nobody wants to eat.”'
    ],
    headings: ['Cleaning the sea as a side effect']
  },
  {
    headline: 'Observers publish every polling station’s tally within hours of the count',
    subtitle: 'A coalition of civil-society groups photographed and transcribed result sheets from almost every station in Ghana’s district elections.',
    excerpt: 'Volunteers posted photos of signed result sheets from nearly every polling station within three hours of the polls closing. Officials say it calmed the nights after the vote.',
    section: 'politics',
    dateline: 'ACCRA, Ghana',
    authors: ['halima-dembele', 'tomasz-wierzbicki'],
    tags: ['elections', 'media'],
    image: { alt: 'A volunteer photographs a result sheet pinned to a classroom wall', caption: 'A volunteer records the tally at a polling station in Accra.' },
    paragraphs: [
      'Within three hours of polls closing in the district elections, anyone with a phone could see a photograph of the signed result sheet from almost every polling station, alongside a running total compiled by a coalition of civil-society observers.',
      'The approach is simple in principle. Party agents and observers photograph the tally posted at each station, volunteers transcribe the figures twice, and any mismatch with the official count is flagged publicly. The coalition’s instructions for volunteers fit on a single page:',
      'Election officials initially worried that a parallel count would confuse voters. Instead, they say, it took the heat out of the nights after the vote: disputes were settled by looking at a photograph rather than by rumour.',
      'Organisers want the method adopted elsewhere, but caution that it depends on a phone network, thousands of trained volunteers and the goodwill of polling staff who allow the photographs to be taken.'
    ],
    headings: ['Trust through transparency'],
    list: {
      style: 'ordered',
      items: [
        'Photograph the whole sheet, with every signature visible',
        'Upload before leaving the polling station',
        'Never edit a figure; report a doubt instead',
        'Wait for a second volunteer to confirm the transcription'
      ]
    }
  },
  {
    headline: 'Our critic’s albums of the year, most of them made at home',
    subtitle: 'Laptops, kitchens and a stairwell with good echo: the records that stayed with us were made in small rooms.',
    excerpt: 'The year’s most rewarding records were made in bedrooms and kitchens rather than studios. Our culture critic picks the ones worth your headphones.',
    section: 'culture',
    dateline: null,
    authors: ['celia-marchetti'],
    tags: ['music'],
    image: { alt: 'A laptop, a microphone and headphones on a kitchen table', caption: 'A home recording set-up of the kind behind many of this year’s records.' },
    paragraphs: [
      'If there was a theme to the year in music, it was the sound of small rooms. Many of the records I returned to most were made on laptops, in bedrooms and kitchens, by artists who could not or would not book a studio.',
      'Here, in no particular order, are five that stayed with me. Some are widely known; some were released with no fanfare at all. All of them reward listening on headphones, late, with the lights off.',
      'Cheap microphones and free software have been good enough for years. What changed is taste. Listeners seem to prefer a little room noise and a cracked voice to a glossy finish, and streaming algorithms, for once, rewarded intimacy.',
      'The risk is sameness: a thousand bedroom records can start to sound like one. The best of this year’s crop avoided it by sounding exactly like the place they were made.'
    ],
    headings: ['Why home recording won'],
    list: {
      style: 'ordered',
      items: [
        '<b>Harbour Lights</b>, by a Lagos producer who builds songs from recordings of ferries',
        '<b>Small Hours</b>, a folk album recorded in a single night in a Welsh farmhouse',
        '<b>Concrete Garden</b>, Korean jazz-pop with horns recorded in a stairwell',
        '<b>Letters Home</b>, a Brazilian singer’s duets with her grandmother’s old cassettes',
        '<b>Quiet Machines</b>, ambient electronics made on a decade-old laptop'
      ]
    },
    embed: { kind: 'video', title: 'Listen: a playlist of our albums of the year' }
  },
  {
    headline: 'Small businesses try the four-day week to keep their staff',
    subtitle: 'Bakeries, dental practices and builders are trading a day of opening hours for loyalty. The sums do not work for everyone.',
    excerpt: 'Small firms are experimenting with four-day weeks to compete with bigger employers for staff. Early results are positive, but economists want to see the second year.',
    section: 'business',
    dateline: 'MANCHESTER, England',
    authors: ['jonah-achterberg'],
    tags: ['work', 'inflation'],
    image: { alt: 'A baker pulls loaves from an oven in a small shop', caption: 'A bakery that moved its staff to a four-day week.' },
    paragraphs: [
      'When the bakery on Wilmslow Road moved to a four-day week, the owner expected to lose money. Instead, she says, she lost something she had been struggling with for years: the cost of constantly hiring and training new staff.',
      'Small firms in hospitality, retail and trades are experimenting with compressed or reduced hours to compete with larger employers that can pay more. Workers get a guaranteed long weekend; owners hope for loyalty in return.',
      'The model is harder for businesses that must open every day. Some rotate staff so the shop stays open while each person works four days; others simply close on Mondays. Accountants caution that the sums only work if productivity rises or staff turnover falls.',
      'Early surveys of participating firms are positive, but they mostly cover businesses that chose to take part, which may flatter the results. Economists are waiting for the second year, when the novelty wears off.'
    ],
    headings: ['Not for every business'],
    quote: { text: 'My best baker turned down a job with more money because she likes her Fridays.', cite: 'Amelia Stott, bakery owner' }
  },
  {
    headline: 'Village-level rain forecasts helped farmers time their sowing this monsoon',
    subtitle: 'A text-message service built on school rain gauges gave farmers in Maharashtra a five-day outlook for their own village.',
    excerpt: 'Farmers near Pune received rain forecasts for their own villages by text message this monsoon. Those in a pilot said it helped them avoid sowing before dry spells.',
    section: 'asia-pacific',
    dateline: 'PUNE, India',
    authors: ['nadia-farouk'],
    tags: ['agriculture', 'climate', 'water'],
    image: { alt: 'A farmer checks a text message in a field of young soybean plants', caption: 'A farmer near Pune reads the week’s forecast.' },
    paragraphs: [
      'For generations, farmers in Maharashtra decided when to sow by watching the sky, the ants and their neighbours. This season many also watched their phones, where a text message offered a rain forecast for their own village five days ahead.',
      'The service combines national weather models with data from cheap rain gauges installed at village schools. Farmers in a pilot said the forecasts helped them avoid sowing before a dry spell, when seed would have died in the ground.',
      'Trust is earned slowly. Organisers found that forecasts phrased as probabilities confused people, and switched to plain statements such as “good chance of steady rain on Thursday and Friday”. A missed forecast early in the season cost them subscribers who had to be won back.',
      'Agricultural economists say a good forecast becomes more valuable as the climate becomes less predictable. The next step is to pair forecasts with advice on which crops to plant when the rains arrive late.'
    ],
    headings: ['Forecasts farmers can trust'],
    figure: { alt: 'A rain gauge on a post in a school courtyard', caption: 'One of the school rain gauges that feed the forecasts.' }
  },
  {
    headline: 'Money sent home by migrants reaches a record, but fees still bite',
    subtitle: 'Remittances now outpace aid and foreign investment in many countries. Sending a small amount can still cost a worker a day’s pay.',
    excerpt: 'Money sent home by migrant workers reached a record this year, outpacing aid in many lower-income countries. The cost of sending small sums remains stubbornly high.',
    section: 'world',
    dateline: null,
    authors: ['mateo-ibarra', 'halima-dembele'],
    tags: ['migration', 'trade'],
    image: { alt: 'People queue outside a money transfer agency on a busy street', caption: 'Customers wait outside a transfer agency on a Friday evening.' },
    paragraphs: [
      'Money sent home by migrant workers reached a record this year, according to estimates compiled by development economists, outpacing both foreign aid and direct investment in many lower-income countries.',
      'For families, the transfers pay for school fees, medicine and building materials. For some economies, they are the largest single source of foreign currency. Yet the cost of sending money remains stubbornly high on many routes, with fees and exchange-rate margins eating a large slice of small transfers.',
      'Mobile-money services and transfer apps have pushed costs down on busy corridors. Elsewhere, senders still queue at agencies that charge a flat fee, which hurts most on the smallest transfers, often the ones sent by the lowest-paid workers.',
      'Economists argue that cutting fees would do more for some countries than most aid programmes. Banks reply that anti-money-laundering checks make cheap cross-border payments expensive to run.'
    ],
    headings: ['The price of sending a hundred dollars'],
    embed: { kind: 'chart', title: 'Average cost of sending $200, by corridor' }
  },
  {
    headline: 'Hidden microphones let scientists hear a rainforest come back',
    subtitle: 'Five years of recordings in Costa Rica show which animals return to regrowing forest, and in what order.',
    excerpt: 'Ecologists have recorded five years of sound across old forest, regrowing forest and pasture in Costa Rica. Insects and common birds return first; specialists much later.',
    section: 'science',
    dateline: 'SAN JOSÉ, Costa Rica',
    authors: ['ingrid-solheim'],
    tags: ['climate'],
    image: { alt: 'A small recorder strapped to a tree trunk in dense forest', caption: 'An acoustic recorder in a twenty-year-old forest plot.' },
    paragraphs: [
      'In the hills of northern Costa Rica, the loudest sign of a forest coming back cannot be seen at all. It is the dawn chorus captured by microphones strapped to trees, in fields that were grazed by cattle until twenty years ago.',
      'A team of ecologists has spent five years recording sound across a patchwork of old forest, regrowing forest and pasture. Software trained to recognise birds, frogs and insects lets them track which species return, and in what order.',
      'The results are encouraging. Regrowing plots reach a soundscape similar to old forest within a few decades, with insects and common birds arriving first and specialist species, such as some antbirds, only much later, and only where old forest is nearby.',
      'Acoustic monitoring is cheap compared with sending experts into the field, and the recordings can be analysed again as the software improves. The researchers have made their archive public and are inviting others to listen.'
    ],
    headings: ['What a recovering forest sounds like'],
    embed: { kind: 'video', title: 'Dawn in a twenty-year-old forest: listen to the recording' }
  },
  {
    headline: 'We should judge cities by how far a child can walk alone',
    subtitle: 'Forget the liveability rankings. One question tells you whether a street works for everyone.',
    excerpt: 'How far a ten-year-old may walk alone says more about a city than any ranking. Our political editor argues it should be the test for every planning decision.',
    section: 'opinion',
    dateline: null,
    authors: ['tomasz-wierzbicki'],
    tags: ['cities', 'transport'],
    image: { alt: 'Two children with school bags cross a quiet street at a zebra crossing', caption: 'Walking to school on a street with a twenty-mile-an-hour limit.' },
    paragraphs: [
      'Ask any parent of a ten-year-old how far their child is allowed to walk alone, and you will learn more about a city than any ranking of liveability can tell you.',
      'In many places the answer has shrunk within a single generation. Children who once walked to school now arrive by car, not because the streets have more crime but because they are fuller of fast traffic and emptier of people.',
      'I would like every planning decision to face one question: does this make it easier or harder for a child to cross the road to buy bread? Wider junctions, faster turns and missing pavements fail. Lower speeds, narrower crossings and more eyes on the street pass.',
      'This is not nostalgia. A city where children can move on their own is one where older people, wheelchair users and anyone without a car can too. We should start measuring it.'
    ],
    headings: ['A simple test for every plan']
  },
  {
    headline: 'Colombia’s coffee growers plant higher up the mountain',
    subtitle: 'As lower slopes warm, farmers around Manizales are chasing cooler air uphill. The land above them is running out.',
    excerpt: 'Coffee farmers in Colombia’s coffee region are planting on higher, cooler slopes as temperatures rise. Agronomists warn that the land above is forest and water-storing páramo.',
    section: 'americas',
    dateline: 'MANIZALES, Colombia',
    authors: ['mateo-ibarra'],
    tags: ['agriculture', 'climate', 'trade'],
    image: { alt: 'A coffee picker with a basket on a steep, misty hillside', caption: 'Harvest on a farm above Manizales.' },
    paragraphs: [
      'Twenty years ago, nobody grew coffee on the slopes above the Vargas family farm. It was too cold, and the cherries ripened too slowly. Now the family’s newest plants sit two hundred metres higher than their grandparents’ first trees.',
      'As temperatures rise, coffee’s ideal growing zone is moving uphill. Growers report more pests and fungal disease on lower plots, while higher land offers cooler nights and a slower ripening that many buyers prize for flavour.',
      'But mountains narrow as they rise, and the land above many farms is forest or protected <em>páramo</em>, the high grassland that stores water for the valleys below. Agronomists warn that clearing it for coffee would trade one problem for a worse one.',
      'Instead, researchers are breeding varieties that tolerate heat and disease, and encouraging shade trees on existing farms, which can lower the temperature around the coffee plants by a few degrees.'
    ],
    headings: ['Room at the top is limited'],
    quote: { text: 'My grandfather planted for the climate he knew. I am planting for one I can only guess at.', cite: 'Andrés Vargas, coffee grower' },
    figure: { alt: 'Rows of young coffee plants on a steep green hillside', caption: 'New plantings on the upper slopes.' }
  },
  {
    headline: 'A year after schools banned phones, the playgrounds got louder',
    subtitle: 'Teachers report more football and less hunching over screens. Pupils say they worry about missing messages from home.',
    excerpt: 'Secondary schools that locked away pupils’ phones for the school day report livelier breaks and better concentration. The effect on exam results is not yet known.',
    section: 'technology',
    dateline: null,
    authors: ['priya-raghunathan'],
    tags: ['education'],
    image: { alt: 'Pupils play football in a school yard', caption: 'A lunch break at one of the schools in the study.' },
    paragraphs: [
      'The teachers noticed the noise first. A year after a group of secondary schools required pupils to lock their phones in pouches at the gate, lunch breaks once spent hunched over screens are full of football, card games and arguments.',
      'Researchers following the schools say the picture is more nuanced than the headlines suggest. Reported bullying fell slightly and teachers say concentration in lessons improved, but pupils also said they felt anxious about missing messages from family during the day.',
      'Staff say the most persistent objections came not from pupils but from parents who wanted to reach their children at any moment. Schools responded by publishing an office number and promising to pass on urgent messages within minutes.',
      'The study has not yet measured effects on exam results, which will take several years. For now, the head of one school offers a simpler measure: “We sold out of footballs in the first month.”'
    ],
    headings: ['Parents are the hardest to convince']
  },
  {
    headline: 'A women’s cooperative turns banana stems into cloth',
    subtitle: 'Near Mbarara, forty women strip a farm waste into silky fibre, and want to sell it to mills rather than craft fairs.',
    excerpt: 'A cooperative in western Uganda makes bags, mats and fabric from banana stems that farmers leave to rot. Its leaders want to scale up to supply larger mills.',
    section: 'africa',
    dateline: 'MBARARA, Uganda',
    authors: ['halima-dembele'],
    tags: ['agriculture', 'trade'],
    image: { alt: 'Women hang pale banana fibres to dry on a line', caption: 'Banana fibre drying outside the cooperative’s workshop.' },
    paragraphs: [
      'A banana plant fruits once and is then cut down, leaving a stem that most farmers leave to rot. In a workshop outside Mbarara, a cooperative of forty women strips those stems into long, silky fibres that are woven into bags, mats and, increasingly, fabric.',
      'The work is slow. Fibres are peeled by hand, dried in the sun and softened before spinning. But the raw material is free, and buyers abroad pay well for textiles made from agricultural waste.',
      'The cooperative has bought a small machine that extracts fibre far faster than hands can, and is training members from nearby villages. Its leaders want to supply fibre to larger mills rather than only selling finished goods at craft fairs.',
      'Development agencies see potential across the region’s banana belt, where millions of stems are cut every year. The obstacles are familiar: transport costs, access to credit and the need for a steady buyer.'
    ],
    headings: ['From handicraft to industry'],
    quote: { text: 'People laughed when we started collecting stems. Now they bring them to our door.', cite: 'Esther Atuhaire, chair of the cooperative' }
  },
  {
    headline: 'Airlines face a shortfall of green jet fuel as blending rules tighten',
    subtitle: 'Mandates require a growing share of sustainable aviation fuel. There is not nearly enough of it to buy.',
    excerpt: 'Airlines must blend more sustainable aviation fuel into their tanks each year, but supply lags far behind. Refiners want guaranteed demand before they build.',
    section: 'business',
    dateline: null,
    authors: ['jonah-achterberg'],
    tags: ['energy', 'transport', 'climate'],
    image: { alt: 'A fuel truck beside a passenger jet on the apron', caption: 'Refuelling before a morning departure.' },
    paragraphs: [
      'Airlines in several regions must now blend a growing share of sustainable aviation fuel into their tanks. The trouble, executives say, is that there is not nearly enough of it to buy.',
      'Most of today’s supply is made from used cooking oil and animal fats, which are limited. Newer methods, using crop waste or hydrogen combined with captured carbon dioxide, remain expensive and are only just leaving the demonstration stage.',
      'Sustainable fuel costs two to four times as much as conventional kerosene. Airlines are passing some of the cost to passengers through small surcharges, and offering corporate customers the chance to pay extra to cover their staff’s flights.',
      'Refiners say they will build more plants if governments guarantee demand for long enough to justify the investment. Environmental groups argue that fuel alone will not be enough, and that the number of flights must also fall.'
    ],
    headings: ['Who pays the premium'],
    embed: { kind: 'chart', title: 'Sustainable aviation fuel: supply against mandated demand' }
  },
  {
    headline: 'A touring company brings Shakespeare to village halls by bicycle',
    subtitle: 'Seven actors, two trailers and a fiddle: this summer’s Twelfth Night travels light across eastern England.',
    excerpt: 'A small theatre company is cycling between villages in eastern England to perform Twelfth Night. Audiences come early to watch the actors arrive.',
    section: 'culture',
    dateline: 'NORWICH, England',
    authors: ['celia-marchetti'],
    tags: ['theatre', 'transport'],
    image: { alt: 'Actors perform on a village green in front of a painted backdrop', caption: 'Twelfth Night on a village green in Norfolk.' },
    paragraphs: [
      'The set fits in two trailers, the costumes in four panniers and the cast of seven on bicycles. This summer a small theatre company is touring villages in eastern England with <em>Twelfth Night</em>, cycling between venues and performing on village greens and in church halls.',
      'The company started the tour to cut its travel emissions, but its director says the bikes have become part of the show. Audiences gather to watch the actors arrive, and children are invited to help unpack the set.',
      'The production strips the play to its essentials: a few benches, a painted backdrop and live music on fiddle and accordion. The cast double and triple their roles, swapping hats mid-scene, which audiences seem to find part of the fun.',
      'Rural audiences rarely see professional theatre without a long drive. Village halls that booked the show sold out within days, and several have asked the company to return next year, by bicycle or otherwise.'
    ],
    headings: ['A play that travels light'],
    figure: { alt: 'Actors in costume cycling along a country lane with trailers', caption: 'The cast on the road between two villages.' }
  },
  {
    headline: 'Stargazing tourism grows in the deserts of Oman',
    subtitle: 'Dry air and empty skies are drawing visitors to overnight camps. Guides worry that success could bring the lights that ruin it.',
    excerpt: 'Tour operators in Oman are running overnight desert camps for astronomy fans. Conservationists want protected dark-sky zones before the boom brings more light.',
    section: 'middle-east',
    dateline: 'MUSCAT, Oman',
    authors: ['nadia-farouk'],
    tags: ['space'],
    image: { alt: 'The Milky Way arches over tents among desert dunes', caption: 'A desert camp south of Muscat after moonset.' },
    paragraphs: [
      'An hour after sunset in the desert south of Muscat, a guide points a green laser at a faint smear across the sky. “That,” she says, “is the Milky Way, and most of you have never seen it before.” The twenty tourists around her, mostly from cities, fall silent.',
      'Dark-sky tourism is growing across the region, where dry air and remote deserts offer some of the clearest night skies in the world. Tour operators run overnight camps with telescopes, and some hotels have switched off outdoor lighting to attract astronomy fans.',
      'The boom brings its own risks. More camps mean more vehicles, generators and lights. Conservationists are pushing for protected dark-sky zones, where new lighting must point down and use warm colours that scatter less.',
      'Guides say the business depends on protecting the very thing they sell. “If we light up the desert to welcome more visitors, there will be nothing left for them to see,” one said.'
    ],
    headings: ['Keeping the dark dark']
  },
  {
    headline: 'Sixteen-year-olds will vote in local elections after lawmakers back the change',
    subtitle: 'Supporters say voting while still at home builds a lifelong habit. Schools now have to teach how local government works.',
    excerpt: 'Lawmakers have voted to let sixteen- and seventeen-year-olds vote in local and regional elections. Teachers welcomed the plan but asked for training.',
    section: 'politics',
    dateline: null,
    authors: ['tomasz-wierzbicki'],
    tags: ['elections', 'education'],
    image: { alt: 'Teenagers listen to a speaker in a council chamber', caption: 'Students visit a council chamber during a civics class.' },
    paragraphs: [
      'Sixteen- and seventeen-year-olds will be able to vote in local and regional elections from the next cycle, after lawmakers approved the change on Thursday by a comfortable margin.',
      'Supporters argued that young people who can work and pay taxes should have a say in how their towns are run, and that voting for the first time while still living at home builds a lifelong habit. Opponents said the change was designed to benefit particular parties.',
      'Schools will now be expected to teach how local government works before pupils reach voting age. Teachers’ unions welcomed the plan but asked for training and materials, warning that civic education must stay strictly non-partisan.',
      'Evidence from places that lowered the voting age earlier suggests that sixteen-year-olds turn out at higher rates than eighteen- to twenty-four-year-olds, possibly because they register while still at a stable address.'
    ],
    headings: ['Schools prepare for new voters']
  },
  {
    headline: 'Why climate models still struggle with low clouds',
    subtitle: 'Aircraft, ships and drones flew into the cloud decks off West Africa to measure what the models can only guess.',
    excerpt: 'Low, flat clouds over the subtropical oceans remain one of the biggest uncertainties in climate models. A field campaign this spring set out to measure them from every side.',
    section: 'science',
    dateline: null,
    authors: ['ingrid-solheim'],
    tags: ['climate', 'oceans'],
    image: { alt: 'A research aircraft flies above a flat deck of white clouds', caption: 'A research flight above the cloud deck off West Africa.' },
    paragraphs: [
      'Of all the uncertainties in climate models, few are as stubborn as the low, flat clouds that blanket large stretches of the subtropical oceans. They reflect sunlight back to space, cooling the planet, and small changes in their extent could speed up or slow down warming.',
      'A field campaign this spring sent research aircraft, ships and drones into the cloud decks off West Africa to measure how the clouds form, thicken and break apart. The instruments included:',
      'Scientists will spend years turning the data into better rules for the models, which cannot simulate individual clouds and must represent them statistically. The aim is to narrow the range of estimates for how much the world will warm as carbon dioxide rises.',
      '“Clouds are small, fast and everywhere,” said Amadou Sow, an atmospheric physicist who led one of the flights. “Models are big, slow and coarse. Our job is to teach one about the other.”'
    ],
    headings: ['Turning measurements into models'],
    list: {
      style: 'bullet',
      items: [
        'Probes that count cloud droplets as the aircraft flies through',
        'Lidar that maps the cloud base from below',
        'Dropsondes that record temperature and humidity on their way down to the sea',
        'Drones that hover at the top of the cloud for hours'
      ]
    }
  },
  {
    headline: 'Japan’s emptying mountain towns find new residents through remote work',
    subtitle: 'Cheap rent, fast internet and a short walk to the river are drawing designers and programmers out of the big cities.',
    excerpt: 'Rural towns in Japan are courting remote workers to slow population decline. A few dozen arrivals cannot reverse it, but one family can keep a school open.',
    section: 'asia-pacific',
    dateline: 'TOKUSHIMA, Japan',
    authors: ['nadia-farouk'],
    tags: ['cities', 'work', 'migration'],
    image: { alt: 'A wooden house on a quiet mountain road lined with cedar trees', caption: 'A renovated house in a mountain town in Tokushima prefecture.' },
    paragraphs: [
      'The old timber schoolhouse closed when its last class graduated a decade ago. Today its classrooms are rented by a design studio, a software company and a couple who translate video games, all of them newcomers from Tokyo and Osaka.',
      'Across rural Japan, towns facing steep population decline are courting remote workers with cheap rent, fast internet and renovated empty houses. Some offer grants for moving; others simply promise clean air, quiet and a short walk to the river.',
      'Fitting in takes effort. Residents say newcomers who join the festival committee or help clear irrigation channels are soon welcomed; those who stay behind their laptops can remain strangers for years.',
      'The numbers are modest. A few dozen arrivals cannot reverse decades of decline, but in a town of a few thousand people, a single family with children can keep a primary school open.'
    ],
    headings: ['Newcomers and old-timers'],
    figure: { alt: 'People work at desks in a wooden classroom', caption: 'The former schoolhouse, now shared offices.' }
  },
  {
    headline: 'Rice farmers in a drying Po valley stop flooding their fields',
    subtitle: 'Dry seeding saves water, but the flooded paddies were also wetlands for herons, frogs and migrating birds.',
    excerpt: 'After several dry years, some rice farmers around Vercelli are sowing without flooding their fields. Ecologists worry about the birds that depended on the paddies.',
    section: 'europe',
    dateline: 'VERCELLI, Italy',
    authors: ['ingrid-solheim'],
    tags: ['agriculture', 'water', 'climate'],
    image: { alt: 'A heron stands in a flooded rice paddy reflecting the mountains', caption: 'A flooded paddy near Vercelli, with the Alps beyond.' },
    paragraphs: [
      'In the flat fields around Vercelli, rice has been grown in flooded paddies for centuries, fed by canals that draw on Alpine rivers. After several dry years, some farmers are now growing rice without flooding their fields at all.',
      'The technique, known as dry seeding, sows rice directly into dry soil and adds water later and more sparingly. It uses less water but invites weeds that flooding would normally suppress, and yields can be lower.',
      'The change matters beyond the farms. Flooded paddies act as seasonal wetlands for herons, frogs and migrating birds, and refill the groundwater that nearby towns draw on. Ecologists worry that drier rice fields could thin out one of the richest bird habitats in northern Italy.',
      'Farmers say they have little choice in dry years. Many now plan field by field, flooding where water is secure and seeding dry where it is not, and watch the snow on the mountains each winter as closely as the market price.'
    ],
    headings: ['A landscape built on water']
  },
  {
    headline: 'Phones that talk to each other when the network goes down',
    subtitle: 'Mesh messaging apps pass notes from phone to phone across a crowd. They are slow, hard to stop and not a fortress.',
    excerpt: 'When the mobile network failed at a music festival, thousands kept messaging through apps that hop from phone to phone. Security researchers urge caution.',
    section: 'technology',
    dateline: null,
    authors: ['priya-raghunathan'],
    tags: ['media', 'music'],
    image: { alt: 'A festival crowd at night holding up glowing phones', caption: 'Festival-goers kept in touch after the network failed.' },
    paragraphs: [
      'When the mobile network failed during a three-day music festival, thousands of people kept messaging anyway. Their phones were passing notes to each other over Bluetooth, hop by hop, through a crowd of forty thousand.',
      'Mesh messaging apps have existed for years, but they have become easier to use and more reliable. They are popular at festivals, in remote areas and whenever networks are overloaded or deliberately shut down.',
      'Messages can take minutes to arrive, and they travel only as far as the chain of phones reaches. Developers have added encryption and ways to hold messages until a path appears. Some emergency services are testing the apps for disaster zones, where masts are often the first thing to fail.',
      'Security researchers caution that no app is a guarantee. Metadata can reveal who was near whom, and a phone seized by the wrong person may still hold messages. Users, they say, should treat mesh apps as a useful backup, not a fortress.'
    ],
    headings: ['Slow, but hard to stop'],
    embed: { kind: 'video', title: 'How a message hops across a crowd' }
  },
  {
    headline: 'A windswept Namibian port town weighs a future in green hydrogen',
    subtitle: 'Lüderitz has always lived with the wind. Now investors want to turn it into fuel for export.',
    excerpt: 'Companies are studying plans to make hydrogen from wind and sun near Lüderitz. Residents welcome the jobs but worry about water, housing and a fragile coastal park.',
    section: 'africa',
    dateline: 'LÜDERITZ, Namibia',
    authors: ['halima-dembele', 'jonah-achterberg'],
    tags: ['energy', 'water', 'trade'],
    image: { alt: 'Colourful houses on a rocky hill above a grey harbour', caption: 'The harbour town of Lüderitz on Namibia’s southern coast.' },
    paragraphs: [
      'Lüderitz has always lived off the wind. It shapes the dunes, rattles the tin roofs and, on bad days, sandblasts the paint off cars. Now it is the reason investors are looking at this small harbour town on Namibia’s southern coast.',
      'Several companies are studying plans to use wind and solar power to split water into hydrogen, which could be turned into ammonia and shipped abroad as a clean fuel. The projects would need desalination plants, new port facilities and thousands of workers.',
      'Residents have mixed feelings. Jobs are welcome in a town where many young people leave for the capital. But some worry about the strain on water, housing and the fragile coastal national park that surrounds the area.',
      'Economists say the hard part is not the technology but the price: green hydrogen remains far more expensive than fuels made from gas. Much depends on whether buyers in Europe and Asia sign long-term contracts.'
    ],
    headings: ['Who benefits'],
    quote: { text: 'Everyone talks about what we can export. We want to know what stays here.', cite: 'A Lüderitz town councillor' }
  },
  {
    headline: 'A streaming hit revives a forgotten 1970s songwriter',
    subtitle: 'Marguerite Daval stopped recording in 1978. One ballad over a final scene, and she is famous again, for now.',
    excerpt: 'A ballad by a songwriter who quit music in 1978 has been streamed millions of times since a hit series used it. Her rediscovery raises old questions about royalties.',
    section: 'culture',
    dateline: null,
    authors: ['celia-marchetti'],
    tags: ['music', 'film'],
    image: { alt: 'A worn vinyl record sleeve with a black-and-white portrait', caption: 'One of Marguerite Daval’s two albums, long a collector’s item.' },
    paragraphs: [
      'Until last month, the songs of Marguerite Daval were known mainly to collectors who hunted for her two albums in second-hand shops. Then one of her ballads played over the final scene of a popular streaming series, and within a week it had been played millions of times.',
      'Daval, who stopped recording in 1978 and now runs a guest house in the Jura mountains, says she found out from her grandson. “He called to say I was famous,” she said. “I told him I’d been famous before. It didn’t last then either.”',
      'The revival has raised familiar questions about royalties. Her original record label folded decades ago, and the rights have passed through several owners. Lawyers say artists of that era often signed contracts giving them a small share of income from formats nobody had imagined.',
      'A reissue of both albums is planned for the spring, remastered from tapes found in a storage unit. Daval has agreed to one concert, in a small theatre, and says it will probably be her last. “Probably,” she added.'
    ],
    headings: ['Who owns a rediscovered song']
  },
  {
    headline: 'Lenders judge farmers’ credit from photos of their fields',
    subtitle: 'Satellite images, phone pictures and harvest records are opening loans to farmers with no credit history.',
    excerpt: 'Lenders in East Africa are using photographs of fields and satellite data to decide whether to lend to farmers. Consumer advocates worry about opaque refusals.',
    section: 'business',
    dateline: 'NAIROBI, Kenya',
    authors: ['jonah-achterberg', 'priya-raghunathan'],
    tags: ['agriculture', 'artificial-intelligence'],
    image: { alt: 'A farmer photographs a maize field with a phone', caption: 'A farmer submits photos of her plot to a lender’s app.' },
    paragraphs: [
      'Farmers with no credit history have long struggled to borrow for seed and fertiliser. A handful of lenders in East Africa now use photographs of their fields, taken on a phone, to help decide whether to lend.',
      'The systems combine satellite images, photos submitted by farmers and records of past harvests to estimate how much a plot is likely to produce. Loans are paid out through mobile money and repaid after the harvest.',
      'Consumer advocates worry about opaque decisions. A farmer refused a loan often cannot find out why, and errors in a model can shut out whole areas where the training data was thin. Lenders say they review borderline cases by hand.',
      'Repayment rates so far are high, the lenders say, though the real test will come in a season of drought, when many borrowers may be unable to pay at once.'
    ],
    headings: ['Fairness questions']
  },
  {
    headline: 'A satellite built by high-school students sends its first signal',
    subtitle: 'Four years, three generations of pupils and a year of licence paperwork: a CubeSat from Quito is alive in orbit.',
    excerpt: 'A small satellite built by students at a school in Quito has sent its first signal from orbit. Its data will be shared with any classroom that asks.',
    section: 'science',
    dateline: 'QUITO, Ecuador',
    authors: ['ingrid-solheim'],
    tags: ['space', 'education'],
    image: { alt: 'A small cube-shaped satellite on a laboratory bench', caption: 'The CubeSat before it was shipped for launch.' },
    paragraphs: [
      'At 4.12 in the morning, a radio in a school laboratory in Quito crackled with a series of beeps. The students gathered around it started shouting. Their satellite, about the size of a loaf of bread, was alive in orbit.',
      'The CubeSat was launched as a secondary payload on a commercial rocket. It carries a small camera and sensors that measure radiation, and it sends data to ground stations run by radio amateurs around the world.',
      'Building it took four years and three generations of students, some of whom have since left for university. Teachers say the project taught them as much about patience and paperwork as about electronics: the licences alone took a year.',
      'The satellite is expected to fall back into the atmosphere and burn up within two years. Until then, the school plans to share its images and data with any classroom that wants them.'
    ],
    headings: ['Learning by building'],
    figure: { alt: 'Students crowd around a radio receiver in a classroom', caption: 'Students hear the first signal from their satellite.' }
  },
  {
    headline: 'Chile’s lithium towns ask who gets the water',
    subtitle: 'The salt flats of the Atacama power the world’s electric cars. The villages beside them want a say, and a share.',
    excerpt: 'Communities near Chile’s lithium operations fear brine pumping threatens the fresh water they depend on. Newer extraction methods promise to return most of it underground.',
    section: 'americas',
    dateline: 'SAN PEDRO DE ATACAMA, Chile',
    authors: ['mateo-ibarra'],
    tags: ['water', 'energy', 'trade'],
    image: { alt: 'Turquoise evaporation ponds on a white salt flat', caption: 'Brine evaporation ponds in the Salar de Atacama.' },
    paragraphs: [
      'In the salt flats of northern Chile, bright turquoise ponds of brine evaporate under the desert sun, leaving behind the lithium that powers electric cars. In the villages nearby, residents ask a simpler question: how much water is left for us?',
      'Lithium extraction pumps brine from beneath the salt flats, and communities fear it draws down the fresh water that feeds wetlands, flamingo lagoons and small farms. The companies say brine and fresh water are separate, and that they monitor levels closely.',
      'Some producers are testing direct extraction technologies that pull lithium from brine and return most of the liquid underground. Indigenous communities want independent monitoring and a share of the revenue, and some have won seats on oversight committees.',
      'The stakes are global. Demand for lithium is expected to rise for years, and how it is produced in places like the Atacama will shape whether the shift to electric vehicles is seen as fair by the people who live closest to it.'
    ],
    headings: ['Newer methods, same questions'],
    embed: { kind: 'chart', title: 'Lithium production and water use in the Atacama' }
  },
  {
    headline: 'What a year of elections taught us about covering them',
    subtitle: 'Readers wanted fewer polls and more rules. Next year, we will give them that.',
    excerpt: 'More people voted this year than ever before. Our editor looks at what readers wanted from election coverage, and what we will change.',
    section: 'opinion',
    dateline: null,
    authors: ['adrian-ovalle'],
    tags: ['elections', 'media'],
    image: { alt: 'Ballot papers being sorted into piles on a long table', caption: 'Counting under way at a polling station.' },
    paragraphs: [
      'More people voted this year than in any year before, in elections across dozens of countries. For newsrooms it was a marathon, and for ours a lesson in what readers actually want from election coverage.',
      'They wanted less of the horse race and more of the rules. Our most-read election pieces were not the polls but the explainers: how votes are counted, what a result will change in practice, when the final outcome will be known. Next year, we will:',
      'We also learned that the days after an election, when votes are still being counted and rumours spread fastest, are when calm, accurate reporting matters most. A newsroom’s job then is to say what is known, what is not, and when we will know more.',
      'Thank you for reading, for writing in and for correcting us when we got things wrong. See you in the new year.'
    ],
    headings: ['The quiet days matter most'],
    list: {
      style: 'bullet',
      items: [
        'Publish a plain-language guide to the rules before each major vote',
        'Label every poll with its sample size and margin of error, every time',
        'Report results as they are certified, not only as they are projected',
        'Give as much space to what happens after the vote as to the campaign'
      ]
    }
  },
  {
    headline: 'On Java’s sinking coast, villagers plant mangroves to hold back the sea',
    subtitle: 'Brushwood barriers slow the waves and trap mud where seedlings can take root. Storms do not always wait for them.',
    excerpt: 'Villagers on Java’s northern coast are building permeable barriers and planting mangroves as the sea advances. Experts say it will not be enough unless groundwater pumping slows.',
    section: 'asia-pacific',
    dateline: 'DEMAK, Indonesia',
    authors: ['nadia-farouk'],
    tags: ['oceans', 'climate', 'water'],
    image: { alt: 'Houses on stilts above the water on a flooded coastline', caption: 'Homes raised on stilts along Java’s northern coast.' },
    paragraphs: [
      'On this stretch of Java’s northern coast, whole villages are slowly disappearing into the sea. Houses stand on stilts, and some families have raised their floors three times. Along the shore, rows of bamboo poles and young mangroves are the residents’ latest attempt to hold the water back.',
      'Mangrove forests once lined this coast, but many were cleared for fish ponds. Without them, waves eat into the land, and the ground itself is sinking as groundwater is pumped for industry and homes.',
      'Engineers and villagers are building permeable barriers of brushwood between bamboo poles, which slow the waves and let mud settle behind them. Once the mud builds up, mangrove seedlings can take root and gradually form a natural defence.',
      'Progress is uneven. Some sections have trapped sediment and turned green; others were broken by storms in their first year. Experts say mangroves cannot save the coast on their own unless the pumping of groundwater slows too.'
    ],
    headings: ['Barriers that let the water through'],
    figure: { alt: 'Young mangrove seedlings planted in rows along a muddy shoreline', caption: 'Mangrove seedlings behind a brushwood barrier.' }
  },
  {
    headline: 'Readers are wary of machine-written news summaries, a survey finds',
    subtitle: 'Transcription and translation by software are broadly accepted. Headlines and summaries without a human check are not.',
    excerpt: 'Most readers accept newsrooms using software behind the scenes, but few want machines writing the stories. Trust falls further when the use is not disclosed.',
    section: 'technology',
    dateline: null,
    authors: ['priya-raghunathan', 'adrian-ovalle'],
    tags: ['artificial-intelligence', 'media'],
    image: { alt: 'A person reads news on a tablet at a café table', caption: 'Readers were asked how they feel about automated news tools.' },
    paragraphs: [
      'Most readers are comfortable with news organisations using software to transcribe interviews or translate articles, but far fewer want machines writing the stories themselves, according to a survey of readers in several countries.',
      'Respondents were most accepting of uses behind the scenes, and least accepting of automated headlines and summaries published without a human check. Trust fell further when readers were not told that a tool had been used.',
      'Labelling helps, but only up to a point. Some respondents said a label made them trust an article less, even when its content was accurate. The researchers suggest readers care more about who takes responsibility for a mistake than about which tool was used.',
      'At World Weekly News, our rule is simple: a named journalist is responsible for every article we publish, whatever tools helped prepare it. We will publish the details of how we use such tools in the coming weeks.'
    ],
    headings: ['Disclosure is not enough on its own']
  }
]

/** Work in progress, inserted after every published article so their ids are the highest. */
export const UNPUBLISHED: DemoUnpublishedStory[] = [
  {
    status: 'draft',
    headline: 'What the city budget means for your rent',
    subtitle: 'A line-by-line look at the housing spending in next year’s budget.',
    excerpt: 'The council’s budget promises more social housing and a new deposit scheme. We look at what renters can expect, and when.',
    section: 'politics',
    dateline: null,
    authors: ['tomasz-wierzbicki'],
    tags: ['cities', 'inflation'],
    paragraphs: [
      'The council’s draft budget, published on Tuesday, sets aside more money for housing than any budget in a decade. Most of it is earmarked for repairs to existing social homes rather than new building.',
      'A new deposit scheme would lend first-time renters the money for a deposit, to be repaid over two years. Landlords’ groups have cautiously welcomed it; tenants’ unions say it treats the symptom rather than the cause.',
      'Councillors will vote on the budget next month. [Check the repayment terms with the finance office before publishing.]'
    ],
    headings: ['Repairs before new homes']
  },
  {
    status: 'draft',
    headline: 'A melting glacier gives up a medieval trade route',
    subtitle: 'Archaeologists are racing the thaw to record sledges, shoes and tools left on a mountain pass.',
    excerpt: 'Retreating ice on a Norwegian mountain pass has exposed objects left by travellers centuries ago. Archaeologists must collect them before they rot.',
    section: 'science',
    dateline: 'OTTA, Norway',
    authors: ['ingrid-solheim'],
    tags: ['climate'],
    image: { alt: 'An archaeologist kneels beside a wooden object on bare rock near ice', caption: 'A find on the pass, hours after the ice released it.' },
    paragraphs: [
      'For centuries, travellers crossed this mountain pass with horses and sledges, dropping whatever broke or was forgotten. The ice kept it all. Now the ice is going.',
      'Each late summer, a small team of archaeologists walks the edge of the retreating glacier, collecting wooden tools, leather shoes and horse dung before sun and air destroy them. Once exposed, organic objects can rot within a year or two.',
      'Radiocarbon dates suggest the route was busiest in the Viking age and fell out of use after the Black Death, when trade and travel in the valleys collapsed.',
      '[Waiting for the dating results on the sledge runner.]'
    ],
    headings: ['A race against the thaw']
  },
  {
    status: 'draft',
    headline: 'Ten podcasts for long winter evenings',
    subtitle: 'Our critic’s pick of the audio worth your dark afternoons.',
    excerpt: 'From a slow history of salt to a comedy recorded in a taxi, these are the podcasts our culture critic is listening to this winter.',
    section: 'culture',
    dateline: null,
    authors: ['celia-marchetti'],
    tags: ['media'],
    paragraphs: [
      'Winter is podcast season: long walks in the dark, longer evenings indoors. These are the ten shows I have been recommending to anyone who asks, and some who did not.',
      'The list leans towards the slow and the strange. There is a history of salt told over twelve episodes, a comedy recorded entirely in the back of a taxi, and a series in which two retired detectives re-examine the cases they never solved:',
      'I have left out the obvious hits, which you have almost certainly heard of already. [Add the last three and links before publishing.]'
    ],
    headings: ['Slow listening'],
    list: {
      style: 'ordered',
      items: [
        '<b>Salt</b>, a history of the world told through one mineral',
        '<b>Meter Running</b>, improvised comedy from the back seat',
        '<b>Cold Files</b>, two detectives and the cases that got away'
      ]
    }
  },
  {
    status: 'draft',
    headline: 'Lagos flood defences face their first real test',
    subtitle: 'New drains and retention basins were finished before the rainy season. Residents are waiting to see if they hold.',
    excerpt: 'Lagos has spent two years widening drains and digging retention basins. The first heavy storms of the season will show whether the work was enough.',
    section: 'africa',
    dateline: 'LAGOS, Nigeria',
    authors: ['halima-dembele'],
    tags: ['water', 'cities', 'climate'],
    paragraphs: [
      'On Victoria Island, the traffic jams that follow a heavy downpour are so familiar that residents plan their week around the forecast. This year the city hopes things will be different.',
      'Over two years, contractors have widened the main storm drains, cleared years of rubbish from canals and dug retention basins that hold water until the drains can cope.',
      'Engineers say the system is designed for the storms of the past, and that the storms of the future will be heavier. [Interview with the state drainage engineer still to come.]'
    ],
    headings: ['Built for yesterday’s rain?']
  },
  {
    status: 'scheduled',
    scheduledAt: '2027-01-10T06:00:00.000Z',
    headline: 'New trade rules take effect: what changes for small exporters',
    subtitle: 'Fewer forms at some borders, new origin checks at others. A guide for firms that ship a few pallets at a time.',
    excerpt: 'A set of customs changes takes effect this week. Here is what small exporters need to know about paperwork, origin rules and the new digital declarations.',
    section: 'business',
    dateline: null,
    authors: ['jonah-achterberg'],
    tags: ['trade', 'work'],
    image: { alt: 'Pallets wrapped in plastic waiting in a warehouse', caption: 'Goods ready for export at a small logistics firm.' },
    paragraphs: [
      'For a firm that exports a few pallets a month, a new customs form can cost more than the goods are worth. The rules that take effect this week promise fewer forms at some borders and more checks at others.',
      'The biggest change is the switch to fully digital declarations, which replace paper certificates that often had to be couriered between offices. Small firms will need to register for an online account before their next shipment. Exporters should:',
      'Trade associations welcome the move but warn of teething problems. “Every digital system works perfectly until the first Monday morning,” one adviser said.',
      'Firms that are unsure should speak to their freight forwarder before shipping, not after goods are held at a border.'
    ],
    headings: ['What to do this week'],
    list: {
      style: 'ordered',
      items: [
        'Register for the online declaration service',
        'Check the origin rules for each product they sell abroad',
        'Keep supplier declarations for at least four years',
        'Tell their customers abroad which documents will change'
      ]
    }
  }
]

const FLAGSHIP_SLUG = FLAGSHIP.slug
const CORAL = 'volunteer-divers-watch-a-replanted-reef-spawn-for-the-first-time'
const CINEMA = 'a-century-old-cinema-reopens-run-by-the-neighbours-who-saved-it'
const CORRECTIONS = 'a-newsroom-should-show-its-corrections-as-proudly-as-its-scoops'
const PHONES = 'the-quiet-campaign-to-make-old-phones-last-a-decade'
const FOUR_DAY_WEEK = 'small-businesses-try-the-four-day-week-to-keep-their-staff'
const WALKING = 'we-should-judge-cities-by-how-far-a-child-can-walk-alone'

/** Reader replies, reply 1 first; a parent is always an earlier approved reply on the same article. */
export const REPLIES: DemoReply[] = [
  {
    article: FLAGSHIP_SLUG,
    key: 'bol',
    authorName: 'Mahamat Saleh',
    authorEmail: 'mahamat.saleh@example.com',
    body: 'My father fished out of Bol in the eighties and always said the lake would come back if people were patient. He did not live to see it, but I will send this article to my uncles. Thank you for writing about the people and not only the water.',
    status: 'approved',
    minutesAfterPublication: 12
  },
  {
    article: FLAGSHIP_SLUG,
    key: 'security',
    authorName: 'Ibrahim Yusuf',
    authorEmail: 'ibrahim.yusuf@example.com',
    body: 'Good reporting, but I would have liked more on security around the islands. Fishermen returning is wonderful news, yet many areas are still not safe to work.',
    status: 'approved',
    minutesAfterPublication: 20
  },
  {
    article: FLAGSHIP_SLUG,
    key: 'bol-question',
    parent: 'bol',
    authorName: 'Claire Dubois',
    authorEmail: 'claire.dubois@example.com',
    body: 'What a lovely comment. Did your family keep fishing after the lake shrank, or did they move into farming like the families in the article?',
    status: 'approved',
    minutesAfterPublication: 31
  },
  {
    article: FLAGSHIP_SLUG,
    parent: 'bol-question',
    authorName: 'Mahamat Saleh',
    authorEmail: 'mahamat.saleh@example.com',
    body: 'Both. My uncles farmed the dry lakebed for twenty years and kept a boat under a tarpaulin, just in case. This season they finally put it back in the water.',
    status: 'approved',
    minutesAfterPublication: 47
  },
  {
    article: FLAGSHIP_SLUG,
    parent: 'security',
    authorName: 'Hannah Lindqvist',
    authorEmail: 'hannah.lindqvist@example.com',
    body: 'Agreed. The part about the fishing committees touches on it, but a follow-up on how they handle safety would be worth reading.',
    status: 'approved',
    minutesAfterPublication: 58
  },
  {
    article: FLAGSHIP_SLUG,
    authorName: 'Grace Ochieng',
    authorEmail: 'grace.ochieng@example.com',
    body: 'The hydrologist’s point about the lake breathing rather than dying is one I wish more coverage had made years ago.',
    status: 'approved',
    minutesAfterPublication: 64
  },
  {
    article: FLAGSHIP_SLUG,
    authorName: 'Pierre-Alain Mbarga',
    authorEmail: 'pierre-alain.mbarga@example.com',
    body: 'Is there any data on which species are coming back first? Tilapia and catfish recover fast, but I would be curious about the larger fish.',
    status: 'pending',
    minutesAfterPublication: 85
  },
  {
    article: FLAGSHIP_SLUG,
    authorName: 'Best Deals Online',
    authorEmail: 'deals4u@example.com',
    body: 'Cheap fishing nets wholesale!!! Best price guaranteed, visit our shop today and get 50% off every order.',
    status: 'spam',
    minutesAfterPublication: 90
  },
  {
    article: CINEMA,
    key: 'first-date',
    authorName: 'Morag Lennox',
    authorEmail: 'morag.lennox@example.com',
    body: 'I had my first date at the Orion in 1979. Bought two shares the week the campaign started. Cannot wait to sit in the balcony again.',
    status: 'approved',
    minutesAfterPublication: 180
  },
  {
    article: CINEMA,
    parent: 'first-date',
    authorName: 'Callum Reid',
    authorEmail: 'callum.reid@example.com',
    body: 'Same here, except my first date fell asleep during the film. We have been married forty years, so it cannot have been that bad.',
    status: 'approved',
    minutesAfterPublication: 300
  },
  {
    article: CINEMA,
    key: 'relaxed',
    authorName: 'Deepa Menon',
    authorEmail: 'deepa.menon@example.com',
    body: 'Does anyone know whether the Sunday children’s screenings are relaxed screenings? My son is autistic and the big cinemas are too loud for him.',
    status: 'approved',
    minutesAfterPublication: 420
  },
  {
    article: CINEMA,
    parent: 'relaxed',
    authorName: 'Fiona Gallacher',
    authorEmail: 'fiona.gallacher@example.com',
    body: 'Yes: the first Sunday of every month is a relaxed screening. The lights stay low, the sound is turned down and nobody minds if children move around. Hope to see you both there.',
    status: 'approved',
    minutesAfterPublication: 510
  },
  {
    article: CINEMA,
    authorName: 'Tom Bracewell',
    authorEmail: 'tom.bracewell@example.com',
    body: 'Lovely story, but who is paying for the roof? Old buildings like this eat money.',
    status: 'pending',
    minutesAfterPublication: 1440
  },
  {
    article: CORRECTIONS,
    key: 'trust',
    authorName: 'Samuel Adeyemi',
    authorEmail: 'samuel.adeyemi@example.com',
    body: 'Exactly right. I trust a paper more when it admits mistakes clearly. Thank you for putting the note at the top.',
    status: 'approved',
    minutesAfterPublication: 95
  },
  {
    article: CORRECTIONS,
    parent: 'trust',
    authorName: 'Linda Park',
    authorEmail: 'linda.park@example.com',
    body: 'Agreed, though I would also like to see how often each section needs correcting. Patterns matter.',
    status: 'approved',
    minutesAfterPublication: 240
  },
  {
    article: CORRECTIONS,
    authorName: 'Anonymous Reader',
    authorEmail: 'reader1984@example.com',
    body: 'Typical. You only correct things when you get caught, and everyone commenting here is paid to agree with you.',
    status: 'rejected',
    minutesAfterPublication: 260
  },
  {
    article: CORRECTIONS,
    authorName: 'Jorge Castillo',
    authorEmail: 'jorge.castillo@example.com',
    body: 'Will the corrections page have its own feed? I would subscribe.',
    status: 'pending',
    minutesAfterPublication: 600
  },
  {
    article: WALKING,
    key: 'school-street',
    authorName: 'Anneke de Vries',
    authorEmail: 'anneke.devries@example.com',
    body: 'In my neighbourhood we closed one street to cars outside the school for twenty minutes at each end of the day. Within a month most children were walking.',
    status: 'approved',
    minutesAfterPublication: 75
  },
  {
    article: WALKING,
    key: 'how',
    parent: 'school-street',
    authorName: 'Martin Kowalczyk',
    authorEmail: 'martin.kowalczyk@example.com',
    body: 'How did you get the council to agree? We have been trying for two years.',
    status: 'approved',
    minutesAfterPublication: 130
  },
  {
    article: WALKING,
    parent: 'how',
    authorName: 'Anneke de Vries',
    authorEmail: 'anneke.devries@example.com',
    body: 'A six-month trial first, with the parents’ association collecting signatures and counting cars. Once people saw it working, nobody wanted to go back.',
    status: 'approved',
    minutesAfterPublication: 205
  },
  {
    article: WALKING,
    key: 'cars',
    authorName: 'Peter Hughes',
    authorEmail: 'peter.hughes@example.com',
    body: 'A nice idea, but not everyone can walk. Some of us rely on a car to get anywhere at all.',
    status: 'approved',
    minutesAfterPublication: 220
  },
  {
    article: WALKING,
    parent: 'cars',
    authorName: 'Sofia Marín',
    authorEmail: 'sofia.marin@example.com',
    body: 'I use a wheelchair, and the changes described here, lower kerbs, narrower crossings and slower traffic, are exactly what make my street usable.',
    status: 'approved',
    minutesAfterPublication: 310
  },
  {
    article: PHONES,
    key: 'seven-years',
    authorName: 'Henrik Olsen',
    authorEmail: 'henrik.olsen@example.com',
    body: 'My phone is seven years old. New battery last year and it still works perfectly. The only problem is that my bank’s app stopped supporting it.',
    status: 'approved',
    minutesAfterPublication: 50
  },
  {
    article: PHONES,
    parent: 'seven-years',
    authorName: 'Ana Ribeiro',
    authorEmail: 'ana.ribeiro@example.com',
    body: 'Same problem here. Does anyone know whether the new rules cover apps, or only the phone makers?',
    status: 'pending',
    minutesAfterPublication: 160
  },
  {
    article: PHONES,
    authorName: 'Yusuf Demir',
    authorEmail: 'yusuf.demir@example.com',
    body: 'Repair shops like this are the best thing on any high street. Mine fixed a charging port for the price of a coffee and a sandwich.',
    status: 'approved',
    minutesAfterPublication: 410
  },
  {
    article: CORAL,
    key: 'volunteer',
    authorName: 'Chloe Nguyen',
    authorEmail: 'chloe.nguyen@example.com',
    body: 'I volunteered on one of these nurseries two summers ago. Cleaning the frames is cold, hard work, and it is wonderful to hear the corals finally spawned.',
    status: 'approved',
    minutesAfterPublication: 140
  },
  {
    article: CORAL,
    parent: 'volunteer',
    authorName: 'Ben Thompson',
    authorEmail: 'ben.thompson@example.com',
    body: 'How do you sign up? I dive there every winter and would love to help.',
    status: 'approved',
    minutesAfterPublication: 380
  },
  {
    article: FOUR_DAY_WEEK,
    authorName: 'Ruth Akinyi',
    authorEmail: 'ruth.akinyi@example.com',
    body: 'I work in a small dental practice that switched last year. Nobody has left since, and patients like the longer opening hours on the other days.',
    status: 'approved',
    minutesAfterPublication: 200
  },
  {
    article: FOUR_DAY_WEEK,
    authorName: 'Greg Mallory',
    authorEmail: 'greg.mallory@example.com',
    body: 'Fine for the staff. But who serves the customers on the fifth day? This only works if someone else picks up the slack.',
    status: 'pending',
    minutesAfterPublication: 330
  }
]
