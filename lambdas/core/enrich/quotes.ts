/**
 * Quotations: spans between quotation marks of every news convention (curly, straight, ``…'', ''…'', guillemets,
 * „…“, single marks; nested; running across paragraphs by the opening-mark convention), told apart from scare
 * quotes and titles of works by their attribution, and given a speaker (see speakers.ts).
 */
import type { Entity, Quote, Speaker } from './model';
import { splitSentences, type Span } from './sentences';
import {
  attributionAfter,
  isParticiple,
  lastCue,
  NAMING_CUES,
  phraseBeforeCue,
  sentenceSubject,
  SpeakerResolver,
  type Position,
} from './speakers';

/** A span between quotation marks; for quotes running across paragraphs, one part per paragraph. */
export interface QuoteSpan {
  paragraph: number;
  /** Offset of the opening mark. */
  open: number;
  parts: { paragraph: number; start: number; end: number }[];
  /** Paragraph and offset just after the closing mark (or the paragraph end when it never closes). */
  closeParagraph: number;
  close: number;
  closed: boolean;
}

const OPEN_CONTEXT = /[\s([{—–\-/*_‘'"“«„]/u;
const ABBREVIATION_PERIOD =
  /\b(Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|St|Sgt|Maj|Adm|Jr|Sr|Cmdr|Rev)\./g;

/**
 * Double quotation marks of every convention news text uses: curly “…” (and the „…“ and ”…” of other
 * languages), guillemets «…» and »…«, straight "…", and the ``…'' and ''…'' pairs of wire archives and corpora.
 * Two or three apostrophes are read as a mark; of three, the pair is the one away from the word (`'no'''`
 * closes a single quotation, then the double one).
 */
const DOUBLE_MARKS = /``|'{2,3}|[“”«»„"]/g;

/** A quotation mark of a paragraph: where it is, how long, its family and what its neighbours allow. */
interface Mark {
  index: number;
  length: number;
  /** Marks pair within a family; a different family may nest one level inside. */
  family: 'curly' | 'guillemet' | 'straight' | 'wire';
  /** What the glyph says: opening (“ « „ ``), closing (” »), or either (" ''). */
  glyph: 'open' | 'close' | 'either';
  /** What the neighbours say: L opens (space before, word after), R closes, B or N (both, neither) undecided. */
  flank: 'L' | 'R' | 'B' | 'N';
}

function readMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  for (const m of text.matchAll(DOUBLE_MARKS)) {
    let index = m.index ?? 0;
    let length = m[0].length;
    if (length === 3) {
      // Of ''' the double pair is the outer one: the last two after a word, the first two before one.
      length = 2;
      if (!/\s/u.test(text[index - 1] ?? ' ')) index += 1;
    }
    const ch = m[0][0] ?? '';
    const family =
      ch === '"'
        ? 'straight'
        : ch === '`' || ch === "'"
          ? 'wire'
          : ch === '«' || ch === '»'
            ? 'guillemet'
            : 'curly';
    const glyph =
      ch === '“' || ch === '„' || ch === '«' || ch === '`'
        ? 'open'
        : ch === '”' || ch === '»'
          ? 'close'
          : 'either';
    marks.push({ index, length, family, glyph, flank: flankOf(text, index, length) });
  }
  return marks;
}

function flankOf(text: string, index: number, length: number): Mark['flank'] {
  const prev = text[index - 1];
  const next = text[index + length];
  const prevOpen = prev === undefined || OPEN_CONTEXT.test(prev);
  const nextSpace = next === undefined || /\s/u.test(next);
  const canOpen = prevOpen && !nextSpace;
  // A closing mark follows a word or punctuation and comes before a space, punctuation or the end.
  const canClose = !prevOpen && (nextSpace || /[\p{P}\p{S}]/u.test(next));
  if (canOpen && !canClose) return 'L';
  if (canClose && !canOpen) return 'R';
  return nextSpace && (prev === undefined || /\s/u.test(prev)) ? 'N' : 'B';
}

function opensAtStart(mark: Mark | undefined): boolean {
  return mark !== undefined && (mark.flank === 'L' || (mark.glyph === 'open' && mark.flank !== 'R'));
}

/**
 * Every top-level quotation of the paragraphs. Marks pair within their family by what the glyph and its
 * neighbours say, so a misdirected curly mark (`“advice.“ This`) still closes; a different family may nest one
 * level (straight quotes inside curly ones), and a same-family opening inside a quotation nests only when two
 * closing marks follow it (`"He told me "no" twice," she said`). Otherwise an opening mark inside an open
 * quotation means its closing mark was lost: the open one ends before the narration that leads to the new one
 * (the shortest sensible reading), so a quotation never runs across narration into the next. A quotation left
 * open at the end of a paragraph continues into the next only when that paragraph opens with a quotation mark
 * (the news convention for multi-paragraph quotations) or when the paragraph was broken mid-sentence (no
 * closing punctuation, the next one starting in lower case: text copied out of PDFs).
 */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let current: QuoteSpan | undefined;
  /** Families of the marks open in `current`, outermost first. */
  let stack: Mark['family'][] = [];
  const marksOf = paragraphs.map((text) => readMarks(text));

  const openAt = (paragraph: number, mark: Mark, length: number): QuoteSpan => ({
    paragraph,
    open: mark.index,
    parts: [{ paragraph, start: mark.index + mark.length, end: length }],
    closeParagraph: paragraph,
    close: length,
    closed: false,
  });

  paragraphs.forEach((text, paragraph) => {
    const marks = marksOf[paragraph] ?? [];
    let from = 0;
    if (current) {
      // Continuing quotation: skip the paragraph's own opening mark.
      const lead = /^\s*/u.exec(text)?.[0].length ?? 0;
      const first = marks[0];
      from = first && first.index === lead && opensAtStart(first) ? lead + first.length : lead;
      current.parts.push({ paragraph, start: from, end: text.length });
    }
    marks.forEach((mark, k) => {
      if (mark.index < from) return;
      if (!current) {
        if (mark.flank === 'L' || (mark.flank !== 'R' && mark.glyph !== 'close')) {
          current = openAt(paragraph, mark, text.length);
          stack = [mark.family];
        }
        return;
      }
      const top = stack[stack.length - 1];
      const closes =
        mark.flank === 'R' ||
        mark.flank === 'B' ||
        (mark.flank === 'N' && (mark.glyph !== 'open' || mark.family === top));
      if (closes) {
        // A mark closes the innermost quotation of its family, or the innermost one when typing mixes families.
        const at = stack.lastIndexOf(mark.family);
        stack = stack.slice(0, at >= 0 ? at : stack.length - 1);
        if (stack.length === 0) {
          const last = current.parts[current.parts.length - 1];
          if (last) last.end = mark.index;
          current.closeParagraph = paragraph;
          current.close = mark.index + mark.length;
          current.closed = true;
          spans.push(current);
          current = undefined;
        }
        return;
      }
      // An opening mark inside a quotation.
      if (stack.length === 1 && (top !== mark.family || nestsBeforeClosing(marks, k))) {
        stack.push(mark.family);
        return;
      }
      cutUnclosed(current, paragraph, text, mark.index);
      spans.push(current);
      current = openAt(paragraph, mark, text.length);
      stack = [mark.family];
    });
    // British style quotes with single marks; read only where no double marks are used, because ’ is also the
    // apostrophe, or where the double marks all sit inside single ones (‘He said “no” twice,’ she said).
    if (!current && marks.length === 0 && /[‘']/u.test(text))
      spans.push(...singleQuoteSpans(text, paragraph));
    else if (!current && text.includes('‘')) britishOuter(spans, text, paragraph);
    if (current) {
      const next = paragraphs[paragraph + 1];
      const lead = next ? (/^\s*/u.exec(next)?.[0].length ?? 0) : 0;
      const nextMark = marksOf[paragraph + 1]?.[0];
      const continues =
        next !== undefined &&
        ((nextMark?.index === lead && opensAtStart(nextMark)) ||
          (!/[.!?…:]\s*$/u.test(text) && /^\p{Ll}/u.test(next.slice(lead))));
      const lost = endAtLostAttribution(current, text, paragraph);
      if (lost || !continues) {
        current.closeParagraph = paragraph;
        if (!lost) current.close = text.length;
        spans.push(current);
        current = undefined;
        stack = [];
      }
    }
  });
  return spans;
}

/**
 * Replaces the double-mark spans of a paragraph by the single-mark spans around them when every one of them lies
 * inside a single-mark span that opens before it: the British convention of double marks inside single ones.
 */
function britishOuter(spans: QuoteSpan[], text: string, paragraph: number): void {
  const own = spans.filter((s) => s.paragraph === paragraph && s.closeParagraph === paragraph);
  if (own.length === 0 || own.length !== spans.filter((s) => s.closeParagraph === paragraph).length) return;
  const singles = singleQuoteSpans(text, paragraph);
  const inside = (s: QuoteSpan): boolean => singles.some((o) => o.open < s.open && o.close >= s.close);
  if (singles.length === 0 || !own.every(inside)) return;
  spans.splice(spans.length - own.length, own.length, ...singles);
}

/**
 * An unclosed quotation that runs into its own attribution (`"We will go, he said. The hall emptied.`) lost its
 * closing mark before it: it ends at the punctuation before the attribution, which is left outside for the
 * speaker rules to read.
 */
function endAtLostAttribution(span: QuoteSpan, text: string, paragraph: number): boolean {
  const last = span.parts[span.parts.length - 1];
  if (!last || last.paragraph !== paragraph) return false;
  const m = LOST_ATTRIBUTION.exec(text.slice(last.start, last.end));
  if (!m) return false;
  last.end = last.start + m.index + 1;
  span.close = last.end;
  // The attribution marks where the quotation ended, as a closing mark would.
  span.closed = true;
  return true;
}

const LOST_ATTRIBUTION =
  /[,?!](?=\s+(?:(?:he|she|they|it|the\s+\p{Ll}+|\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})\s+(?:said|says|added|adds|told|asked|wrote)\b|(?:said|says|added|adds|asked|wrote)\s+(?:he\b|she\b|\p{Lu})))/u;

/** A same-family opening mark nests when the next two marks both close (the inner quotation, then the outer). */
function nestsBeforeClosing(marks: readonly Mark[], k: number): boolean {
  const a = marks[k + 1];
  const b = marks[k + 2];
  return a !== undefined && b !== undefined && a.flank !== 'L' && b.flank !== 'L';
}

/**
 * Ends a quotation whose closing mark is missing, before a new opening mark at `at` of `paragraph`: at the end of
 * the last sentence inside it when narration follows that sentence ("… advice. This was rejected by X, who
 * said: “…"), else right before the new mark.
 */
function cutUnclosed(span: QuoteSpan, paragraph: number, text: string, at: number): void {
  const last = span.parts[span.parts.length - 1];
  if (!last) return;
  const from = last.paragraph === paragraph ? last.start : 0;
  const inside = text.slice(from, at);
  let cut = inside.trimEnd().length;
  for (const m of inside.matchAll(/[.!?…]['’)\]]*(?=\s+\S)/gu)) cut = (m.index ?? 0) + m[0].length;
  if (last.paragraph === paragraph) last.end = from + cut;
  else span.parts.push({ paragraph, start: 0, end: cut });
  span.closeParagraph = paragraph;
  span.close = from + cut;
  span.closed = false;
}

/**
 * "the Russians’ aim": an apostrophe after a plural before a lower-case word, when a later mark can still close
 * the quotation before the next one opens.
 */
function pluralPossessive(text: string, i: number): boolean {
  if (text[i - 1] !== 's' || !/^\s\p{Ll}/u.test(text.slice(i + 1, i + 3))) return false;
  const rest = text.slice(i + 1);
  const close = /[^\s][’'](?![\p{L}\p{N}])/u.exec(rest);
  const open = /(?:^|[\s([—–])‘/u.exec(rest);
  return close !== null && (open === null || close.index < open.index);
}

/**
 * ‘…’ and '…' quotations of one paragraph: ‘ or ' opens after a space or bracket before a word; ’ or ' closes
 * when no letter follows it (so "don’t", "Kerry’s" and "'90s" do not count). Left open at the paragraph's end, a
 * span is dropped, not continued.
 */
function singleQuoteSpans(text: string, paragraph: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '‘' && ch !== '’' && ch !== "'") continue;
    const prev = i === 0 ? ' ' : (text[i - 1] ?? ' ');
    const next = text[i + 1] ?? ' ';
    if (open < 0) {
      const opens =
        ch !== '’' &&
        /[\s([{—–\-/]/u.test(prev) &&
        /[\p{L}\p{N}…[(]/u.test(next) &&
        !/^'\d\ds\b/u.test(text.slice(i));
      if (opens) open = i;
    } else if (ch !== '‘' && !/\s/u.test(prev) && !/[\p{L}\p{N}]/u.test(next) && !pluralPossessive(text, i)) {
      spans.push({
        paragraph,
        open,
        parts: [{ paragraph, start: open + 1, end: i }],
        closeParagraph: paragraph,
        close: i + 1,
        closed: true,
      });
      open = -1;
    }
  }
  return spans;
}

function spanText(paragraphs: readonly string[], span: QuoteSpan): string {
  return span.parts
    .map((p) => (paragraphs[p.paragraph] ?? '').slice(p.start, p.end).trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** The paragraphs with every quotation (marks included) replaced by `|`, keeping offsets. */
function maskQuotes(paragraphs: readonly string[], spans: readonly QuoteSpan[]): string[] {
  const ranges = new Map<number, { from: number; to: number }[]>();
  for (const span of spans) {
    span.parts.forEach((part, index) => {
      const length = paragraphs[part.paragraph]?.length ?? 0;
      const from = index === 0 ? span.open : 0;
      const to = index === span.parts.length - 1 ? span.close : length;
      const list = ranges.get(part.paragraph) ?? [];
      list.push({ from, to });
      ranges.set(part.paragraph, list);
    });
  }
  return paragraphs.map((original, paragraph) => {
    const list = ranges.get(paragraph);
    // Abbreviation periods ("said Mr. Smith") would end the speaker's noun phrase; blank them, keeping offsets.
    const text = original.replace(ABBREVIATION_PERIOD, '$1 ');
    if (!list) return text;
    let out = '';
    let at = 0;
    for (const { from, to } of list) {
      out += text.slice(at, from) + '|'.repeat(Math.max(0, to - from));
      at = to;
    }
    return out + text.slice(at);
  });
}

function sentenceAt(sentences: readonly Span[], offset: number): Span | undefined {
  return (
    sentences.find((s) => offset >= s.start && offset < s.end) ?? sentences.find((s) => s.start >= offset)
  );
}

const WORK_NOUNS =
  /\b(?:editorial|analysis|article|column|op-ed|essay|book|report|film|documentary|song|album|piece|headline|story|poem|novel|series|programme|program|commentary|memoir|play|opinion piece)\s*,?\s*$/iu;
const STARTS_UPPER = /^[\s[(…'‘]*(?:\p{Lu}|\d)/u;

/**
 * The quotations of an article with their speakers. Keeps direct quotations (a sentence or more, attributed
 * before, after or between their parts, or continuing the previous speaker), partial quotations of three or more
 * words inside reported speech (two after a naming verb: called it a “…”), and titles of works (kind 'title',
 * after "headlined"/"titled" or a noun like "editorial"). Drops scare quotes: short quoted words with no speech
 * cue. `text` is the quoted words without marks (parts across paragraphs joined by a space); `start`/`end` are
 * offsets of the quoted words in the first paragraph.
 */
export function extractQuotes(
  paragraphs: readonly string[],
  entities: readonly Entity[],
  // enrichArticle splits the paragraphs once for quotes and events alike.
  sentencesOf: readonly (readonly Span[])[] = paragraphs.map((p) => splitSentences(p)),
): Quote[] {
  const spans = findQuoteSpans(paragraphs);
  const masked = maskQuotes(paragraphs, spans);
  const quotedRanges = new Map<number, { start: number; end: number }[]>();
  for (const span of spans) {
    for (const part of span.parts) {
      const list = quotedRanges.get(part.paragraph) ?? [];
      list.push({ start: part.start, end: part.end });
      quotedRanges.set(part.paragraph, list);
    }
  }
  const resolver = new SpeakerResolver(entities, quotedRanges, paragraphs, sentencesOf);
  const quotes: Quote[] = [];
  let previous: { quote: Quote; paragraph: number } | undefined;

  for (const span of spans) {
    const text = spanText(paragraphs, span);
    const first = span.parts[0];
    if (!text || !first) continue;
    const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    const at: Position = { paragraph: span.paragraph, offset: span.open };
    const before = contextBefore(paragraphs, masked, sentencesOf, span);
    const after = contextAfter(masked, sentencesOf, span);
    const beforeTrim = before.text.replace(/[\s*_]+$/u, '');
    const upper = STARTS_UPPER.test(text);
    const sentenceInitial = beforeTrim.replace(/\|/g, '').trim() === '';

    const base = {
      text,
      paragraph: span.paragraph,
      start: first.start + leadingSpace(paragraphs, first),
      end: span.parts.length === 1 ? first.end - trailingSpace(paragraphs, first) : first.end,
    };

    // Titles of works: after "headlined"/"titled" or right after a noun naming a work.
    // After a noun the quotation must look like a headline, so "According to the report, “We failed.”" stays speech.
    const titleCue =
      /\b(headlined|titled|entitled)\s*:?\s*$/iu.exec(beforeTrim)?.[1] ??
      (isHeadlineLike(text) ? WORK_NOUNS.exec(beforeTrim)?.[0].replace(/[\s,]+$/u, '') : undefined);
    if (titleCue && upper) {
      const speaker = resolver.speakerOf(sentenceSubject(before.text), at) ?? unknown();
      quotes.push({ ...base, kind: 'title', speaker, cue: titleCue.toLowerCase() });
      continue;
    }

    // A single closing mark of an inner quotation may stand after the punctuation ('… said `no.''').
    const core = text.replace(/[’'`]+$/u, '');
    const closedWithPunctuation = /[,;.?!…—–-]$/u.test(core) || /^\s*[,;—–]/u.test(after);
    const afterAttribution = span.closed ? attributionAfter(after) : undefined;
    let attribution: { speaker: Speaker; cue: string } | undefined;
    let naming = false;
    let attributedAfter = false;
    // Without punctuation before the closing mark, only an attribution right after it (`"…" Ruiz said`).
    const attributedRightAfter = words >= 3 && /^\s+[\p{L}]/u.test(after);
    if (afterAttribution && (closedWithPunctuation || attributedRightAfter)) {
      const speaker = resolver.speakerOf(afterAttribution.phrase, at);
      if (speaker) attribution = { speaker, cue: afterAttribution.cue.toLowerCase() };
      attributedAfter = speaker !== undefined;
    }
    if (!attribution) {
      const cue = lastCue(before.text);
      if (cue) {
        const cueText = cue.text.toLowerCase();
        naming = NAMING_CUES.has(cueText) && before.text.slice(cue.index).split(/\s+/).length <= 7;
        const phrase = speakerPhrase(before.text, cue.index, cue.text);
        const speaker = phrase ? resolver.speakerOf(phrase, before.position) : undefined;
        if (speaker) attribution = { speaker, cue: cueText };
      }
    }

    // "Bolton gave a different account: “…”": a quotation introduced by a colon is the sentence subject's.
    if (!attribution && upper && beforeTrim.endsWith(':')) {
      const subject = resolver.speakerOf(sentenceSubject(before.text), before.position);
      if (subject && subject.name !== 'unknown') attribution = { speaker: subject, cue: ':' };
    }
    // A Title Case phrase without punctuation ("Army of Free Men") names something; it is not speech.
    if (isNameLike(core)) continue;
    // A direct quotation is speech of its own: capitalised and a sentence (or four words) long, not a name in quotes.
    const sentenceLike = words >= 4 || /[.?!,…]$/u.test(core);
    const direct =
      upper && sentenceLike && (sentenceInitial || /[,:;—–]$/u.test(beforeTrim) || attribution !== undefined);
    if (attribution) {
      // Two words are a quotation when a cue introduces them right away (its source said “three terrorists”).
      const cueAdjacent = lastCueEnds(beforeTrim);
      const keep = direct || words >= 3 || (words >= 2 && (naming || attributedAfter || cueAdjacent));
      if (!keep) continue;
      const quote: Quote = {
        ...base,
        kind: direct ? 'direct' : 'partial',
        speaker: attribution.speaker,
        cue: attribution.cue,
      };
      quotes.push(quote);
      previous = { quote, paragraph: span.closeParagraph };
      continue;
    }
    // A quotation standing as its own sentence continues the previous speaker in its paragraph (“…,” she said.
    // “…”); otherwise it belongs to the named subject of the sentence before it (“Brett McGurk criticised the
    // decision. “…”), or to whoever spoke last in the previous paragraph: reported speech closing it ("Berg said
    // the plan would fail."), else its last quotation.
    if (direct && sentenceInitial && words >= 3) {
      const samePar = previous && previous.paragraph === span.paragraph ? previous.quote : undefined;
      const lead = samePar ? undefined : subjectOfPreviousSentence(masked, sentencesOf, span, resolver);
      const lastPar =
        samePar || lead
          ? undefined
          : (reportedSpeaker(masked, sentencesOf, span.paragraph - 1, resolver) ??
            (previous && previous.paragraph === span.paragraph - 1 ? previous.quote : undefined));
      const from = samePar ?? lead ?? lastPar;
      const quote: Quote = {
        ...base,
        kind: 'direct',
        speaker: from?.speaker ?? unknown(),
        cue: from?.cue ?? null,
      };
      quotes.push(quote);
      previous = { quote, paragraph: span.closeParagraph };
      continue;
    }
    // Four or more quoted words inside a sentence about a named subject, with no speech verb the lexicon knows
    // ("Lane wants the council to “stop wasting time on studies”"): the subject's words.
    if (!sentenceInitial && words >= 4 && !isHeadlineLike(core)) {
      const subject = resolver.speakerOf(sentenceSubject(before.text), before.position);
      if (subject && subject.kind !== 'unknown') {
        const quote: Quote = { ...base, kind: direct ? 'direct' : 'partial', speaker: subject, cue: null };
        quotes.push(quote);
        previous = { quote, paragraph: span.closeParagraph };
      }
    }
  }
  return quotes;
}

/** Whether `text` ends with a plain verb of saying, optionally followed by "that". */
function lastCueEnds(text: string): boolean {
  const cue = lastCue(text);
  return (
    cue !== undefined &&
    SAYING.test(cue.text) &&
    /^\s*(?:that\s*)?$/u.test(text.slice(cue.index + cue.text.length))
  );
}

const SAYING =
  /^(?:said|says|told|tells|wrote|writes|added|adds|stated|states|declared|reported|replied|answered|called|calls|described|describes|termed|dubbed|saying|adding|writing|calling|describing)$/u;

/**
 * The speaker of reported speech in the last sentence of a paragraph ("Mr Grey said the plan would fail."),
 * whom a following quotation-only paragraph continues.
 */
function reportedSpeaker(
  masked: readonly string[],
  sentencesOf: readonly (readonly Span[])[],
  paragraph: number,
  resolver: SpeakerResolver,
): { speaker: Speaker; cue: string } | undefined {
  const sentences = sentencesOf[paragraph] ?? [];
  const last = sentences[sentences.length - 1];
  if (!last) return undefined;
  const text = (masked[paragraph] ?? '').slice(last.start, last.end);
  // A sentence with a quotation in it is that quotation's; its speaker is the previous quotation's.
  if (text.includes('|')) return undefined;
  const cue = lastCue(text);
  if (!cue || /^according to$/i.test(cue.text)) return undefined;
  const phrase = speakerPhrase(text, cue.index, cue.text);
  const speaker = phrase ? resolver.speakerOf(phrase, { paragraph, offset: last.start }) : undefined;
  return speaker && speaker.kind !== 'unknown' ? { speaker, cue: cue.text.toLowerCase() } : undefined;
}

/** The subject of the sentence before a quotation in its paragraph, when it names a person or organisation. */
function subjectOfPreviousSentence(
  masked: readonly string[],
  sentencesOf: readonly (readonly Span[])[],
  span: QuoteSpan,
  resolver: SpeakerResolver,
): { speaker: Speaker; cue: null } | undefined {
  const sentences = sentencesOf[span.paragraph] ?? [];
  const previous = [...sentences].reverse().find((s) => s.end <= span.open);
  if (!previous) return undefined;
  const text = (masked[span.paragraph] ?? '').slice(previous.start, previous.end);
  const speaker = resolver.speakerOf(sentenceSubject(text), {
    paragraph: span.paragraph,
    offset: previous.start,
  });
  return speaker && (speaker.kind === 'person' || speaker.kind === 'organization')
    ? { speaker, cue: null }
    : undefined;
}

const NAME_CONNECTORS = new Set([
  'of',
  'the',
  'and',
  'for',
  'in',
  'on',
  'a',
  'an',
  'to',
  'with',
  'at',
  'by',
  '&',
]);

function isNameLike(text: string): boolean {
  if (/[.?!,;:…]$/u.test(text)) return false;
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= 8 && words.every((w) => /^[\p{Lu}\d]/u.test(w) || NAME_CONNECTORS.has(w));
}

/** Mostly capitalised words, at most fifteen: "Why is Obama Getting Into Bed with Putin in Syria?". */
function isHeadlineLike(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const capitalised = words.filter((w) => /^[\p{Lu}\d]/u.test(w)).length;
  return words.length > 0 && words.length <= 15 && capitalised / words.length >= 0.6;
}

function unknown(): Speaker {
  return { name: 'unknown', kind: 'unknown' };
}

/** The phrase naming the speaker for a cue found before a quotation. */
function speakerPhrase(before: string, cueIndex: number, cue: string): string {
  if (/^according to$/i.test(cue)) {
    return /^according to\s+([^,.;:!?|]{1,80})/iu.exec(before.slice(cueIndex))?.[1] ?? '';
  }
  const head = before.slice(0, cueIndex);
  const tailAfterCue = before.slice(cueIndex + cue.length);
  // Passive: "he was told by Emergencies Minister Yevgeny Zinichev of “…”".
  const agent = /^\s+by\s+([^,.;:!?|]{1,80}?)(?=\s+(?:of|that|about|on|in|at)\b|[,.;:!?|]|$)/u.exec(
    tailAfterCue,
  )?.[1];
  if (agent && /\b(?:was|were|been|being|is|are)\s+$/u.test(head)) return agent;
  const clauseStart = /\b(before|after|while|when|by)\s+$/iu.test(head);
  if (clauseStart) return sentenceSubject(before);
  if (isParticiple(cue)) {
    // "with Zinichev describing …" names its own subject; ", saying …" takes the sentence's.
    const own = /[,;:—–|]\s*$/u.test(head) ? '' : phraseBeforeCue(head);
    return own && /^\p{Lu}/u.test(own) ? own : sentenceSubject(before);
  }
  const phrase = phraseBeforeCue(head);
  if (phrase) return phrase;
  // "… ," said Khan, "…": the speaker follows an inverted cue.
  const inverted = /^\s+([^,.;:!?|]{1,60}?)\s*(?:[,;:]|$)/u.exec(tailAfterCue);
  const tail = head.replace(/[\s,]+$/u, '');
  if (inverted?.[1] && (tail === '' || tail.endsWith('|'))) return inverted[1];
  return sentenceSubject(before);
}

interface Context {
  text: string;
  position: Position;
}

/**
 * The sentence text before a quotation's opening mark (quotations masked). A paragraph that starts in lower
 * case continues the previous paragraph's last sentence, which is then prepended.
 */
function contextBefore(
  paragraphs: readonly string[],
  masked: readonly string[],
  sentencesOf: readonly (readonly Span[])[],
  span: QuoteSpan,
): Context {
  const p = span.paragraph;
  const sentence = sentenceAt(sentencesOf[p] ?? [], span.open);
  // Attributions sit within a few hundred characters of their quotation; the cap bounds run-on "sentences".
  const start = Math.max(sentence ? Math.min(sentence.start, span.open) : 0, span.open - CONTEXT_LIMIT);
  let text = (masked[p] ?? '').slice(start, span.open);
  const firstSentence = (sentencesOf[p] ?? [])[0];
  if (p > 0 && (!firstSentence || start <= firstSentence.start) && /^\s*\p{Ll}/u.test(paragraphs[p] ?? '')) {
    const prev = sentencesOf[p - 1] ?? [];
    const last = prev[prev.length - 1];
    if (last) text = `${(masked[p - 1] ?? '').slice(last.start, last.end)} ${text}`;
  }
  return { text, position: { paragraph: p, offset: span.open } };
}

/** The rest of the sentence after a quotation's closing mark (quotations masked). */
function contextAfter(
  masked: readonly string[],
  sentencesOf: readonly (readonly Span[])[],
  span: QuoteSpan,
): string {
  const p = span.closeParagraph;
  const text = masked[p] ?? '';
  const sentence = sentenceAt(sentencesOf[p] ?? [], Math.max(0, span.close - 1));
  let end = sentence ? Math.max(sentence.end, span.close) : text.length;
  // A following sentence that starts with a lower-case cue still belongs ("… crisis." said the mayor).
  if (end < text.length && /^\s*\p{Ll}/u.test(text.slice(end)))
    end = sentenceAt(sentencesOf[p] ?? [], end + 1)?.end ?? text.length;
  return text.slice(span.close, Math.min(end, span.close + CONTEXT_LIMIT));
}

const CONTEXT_LIMIT = 400;

function leadingSpace(
  paragraphs: readonly string[],
  part: { paragraph: number; start: number; end: number },
): number {
  const t = (paragraphs[part.paragraph] ?? '').slice(part.start, part.end);
  return t.length - t.trimStart().length;
}

function trailingSpace(
  paragraphs: readonly string[],
  part: { paragraph: number; start: number; end: number },
): number {
  const t = (paragraphs[part.paragraph] ?? '').slice(part.start, part.end);
  return t.length - t.trimEnd().length;
}
