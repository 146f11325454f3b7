import * as z from 'zod';

export const EntityTypeSchema = z.enum(['person', 'organization', 'location']);

export const MentionSchema = z.object({
  paragraph: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});

export const EntitySchema = z.object({
  /** Canonical name ("John Kirby", "Russia"). */
  name: z.string(),
  type: EntityTypeSchema,
  aliases: z.array(z.string()),
  mentions: z.array(MentionSchema),
  role: z.string().optional(),
  /** ISO 3166-1 alpha-2 code for countries and places that stand for them. */
  country: z.string().optional(),
});
export type Entity = z.infer<typeof EntitySchema>;

export const SpeakerSchema = z.object({
  name: z.string(),
  kind: z.enum(['person', 'organization', 'anonymous', 'unknown']),
  description: z.string().optional(),
});
export type Speaker = z.infer<typeof SpeakerSchema>;

export const QuoteSchema = z.object({
  /** The quoted words without the quotation marks. */
  text: z.string(),
  kind: z.enum(['direct', 'partial', 'title']),
  speaker: SpeakerSchema,
  /** The cue verb or construction that attributes it ("said", "told", "saying", "headlined"), or null. */
  cue: z.string().nullable(),
  paragraph: z.number().int().nonnegative(),
  /** Offsets in the paragraph (of the first paragraph, for quotes running across paragraphs). */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Quote = z.infer<typeof QuoteSchema>;

/** Granularity of a resolved date: YYYY-MM-DD, YYYY-MM, YYYY, or start/end (weeks and other ranges). */
export const GranularitySchema = z.enum(['day', 'month', 'year', 'range']);
export type Granularity = z.infer<typeof GranularitySchema>;

export const TimexSchema = z.object({
  text: z.string(),
  /** Resolved value in the formats of event dates; null when it cannot be resolved (e.g. no publication date). */
  value: z.string().nullable(),
  granularity: GranularitySchema.nullable(),
  paragraph: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Timex = z.infer<typeof TimexSchema>;

/** CAMEO root codes 01..20. */
export const CameoRootSchema = z.enum([
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
]);
export type CameoRoot = z.infer<typeof CameoRootSchema>;

/** One side of an event: who acted (source) or who was acted on (target). */
export const EventPartySchema = z.object({
  name: z.string(),
  kind: z.enum(['person', 'organization', 'location', 'group', 'unknown']),
});
export type EventParty = z.infer<typeof EventPartySchema>;

export const EventSchema = z.object({
  sentence: z.string(),
  paragraph: z.number().int().nonnegative(),
  date: z.string().nullable(),
  dateText: z.string().nullable(),
  granularity: GranularitySchema.nullable(),
  action: z.object({ root: CameoRootSchema, label: z.string(), verb: z.string().optional() }),
  actors: z.array(z.object({ name: z.string(), role: z.enum(['source', 'target']) })),
  /** The subject of the action, or null when the text does not say (absent in messages of older enrich versions). */
  source: EventPartySchema.nullable().default(null),
  /** The object of the action, or null (intransitive, or not said). */
  target: EventPartySchema.nullable().default(null),
  location: z.string().nullable(),
});
export type NewsEvent = z.infer<typeof EventSchema>;

/** What enrich adds to an article. */
export const EnrichmentSchema = z.object({
  entities: z.array(EntitySchema),
  quotes: z.array(QuoteSchema),
  events: z.array(EventSchema),
  timexes: z.array(TimexSchema),
});
export type Enrichment = z.infer<typeof EnrichmentSchema>;
