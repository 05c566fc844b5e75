// Package rules finds what no list can hold: dates, numbers and counted
// nouns, and organizations and places named by pattern («الفرقة التاسعة»,
// «فرع أمن الدولة», «قرية X» for a village no gazetteer lists).
//
// The rules run over a sentence's tokens as segment cut them (normalized
// text, so hamza forms, ta marbuta, diacritics and Arabic-Indic digits are
// already folded), with the clitic readings of package clitic: a word is
// looked up after peeling و ف ب ل ك and with or without its article, never
// by regular expressions over raw text. Their vocabulary lives in embedded
// data files:
//
//   - calendar.tsv: month names of every system (Levantine, Egyptian/Gulf,
//     Maghrebi, Hijri), weekdays, eras and relative days, generated from
//     Unicode CLDR plus press spellings (go generate);
//   - date-words.tsv: the words dates are built with (الماضي، منذ، أواخر…);
//   - numbers.tsv and counted-nouns.tsv: number words and counted nouns;
//   - org-heads.tsv: head nouns of organization names and what follows them;
//   - place-words.tsv: compass words, country adjectives, and the words a
//     place name never is.
//
// Each rule set is tested against a table of real-usage examples in
// testdata/ (see testdata/README.md for the conventions).
package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

// Entity types the rules produce.
const (
	TypeDate     = "DATE"
	TypeQuantity = "QUANTITY"
	TypeOrg      = "ORG"
	TypePlace    = "PLACE"
)

// Span is something a rule found in a sentence.
type Span struct {
	// FirstToken and LastToken index the sentence's tokens (inclusive).
	FirstToken, LastToken int
	// Start and End are normalized byte offsets (the first token's
	// proclitics excluded); RuneStart and RuneEnd the same in code points.
	Start, End         int32
	RuneStart, RuneEnd int32
	// Prefix is the proclitic text peeled off the first token.
	Prefix string
	// Type is DATE, QUANTITY, ORG or PLACE; Subtype refines it.
	Type, Subtype string
	// Rule names the rule that matched, as records report it
	// (rule:date:day-month-year, rule:org:unit…).
	Rule string
	// Date is the value of a DATE.
	Date *DateValue
	// Number is the value of a QUANTITY (or of a number inside a rule).
	Number *Number
	// Entry is the gazetteer entry the name links to (itself, or the
	// organization or country it belongs to), or -1.
	Entry int32
	// Owns lists the gazetteer mentions (indexes into the mentions given
	// to Find) the span contains: they are not entities of their own.
	Owns []int
	// Direction is the compass direction that qualifies a place (n, s…).
	Direction string
	// Head is the head noun before a place name (مدينة), as written in the
	// cue table.
	Head string
}

// Number is a number found in text.
type Number struct {
	Value   int64
	Ordinal bool
	// Unit is the counted noun's unit (killed, injured…), empty for a bare
	// number.
	Unit string
}

// Rules is the rule set. It is immutable and safe for concurrent use.
type Rules struct {
	an     *clitic.Analyzer
	tagger *ner.Tagger
	lex    *lexicon.Lexicon
	vocab  vocabulary // words patterns start or continue with, found by scan
	aside  vocabulary // common words (في، من، stop words) looked up on demand
	heads  []orgHead
	// countries maps a country's canonical name to its gazetteer entry.
	countries map[string]int32
	// keys and asideKeys filter the words of vocab and aside with the
	// gazetteer's hashing (lexicon.KeyFilter).
	keys, asideKeys *lexicon.KeyFilter
}

// New loads the rule vocabulary, normalized with norm. The tagger supplies
// the gazetteer and its cue words (place head nouns).
func New(norm *normalize.Normalizer, tagger *ner.Tagger) (*Rules, error) {
	vocab, heads, err := load(norm)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	r := &Rules{an: tagger.Analyzer(), tagger: tagger, lex: tagger.Lexicon(), vocab: vocab, heads: heads, countries: map[string]int32{}}
	r.vocab, r.aside = vocabulary{}, vocabulary{}
	for key, ws := range vocab {
		for _, w := range ws {
			if asideKinds&(1<<w.kind) != 0 {
				r.aside[key] = append(r.aside[key], w)
			} else {
				r.vocab[key] = append(r.vocab[key], w)
			}
		}
	}
	r.keys, r.asideKeys = filterOf(r.vocab), filterOf(r.aside)
	for i, e := range r.lex.Entries() {
		if e.Type == "PLACE" && e.Subtype == "country" {
			if _, dup := r.countries[e.Name]; !dup {
				r.countries[e.Name] = int32(i)
			}
		}
	}
	return r, nil
}

// Keys returns the filter over the words the rules start with, for a
// caller that computes every token's masks in one pass
// (lexicon.StartMasks) and hands them over in Scratch.Starts.
func (r *Rules) Keys() *lexicon.KeyFilter { return r.keys }

// KeyStrings returns the keys Keys filters, for a caller that builds one
// filter over them and other vocabularies.
func (r *Rules) KeyStrings() []string { return keysOf(r.vocab) }

// filterOf returns a key filter over a vocabulary. A key written with the
// article is also filed without its alef (العام → لعام): after the
// preposition ل the article is written لل (للعام), and the filter sees
// only the word's own suffixes.
func filterOf(v vocabulary) *lexicon.KeyFilter { return lexicon.NewKeyFilter(keysOf(v)) }

// keysOf lists a vocabulary's keys, each written with the article also
// without its alef (see filterOf).
func keysOf(v vocabulary) []string {
	keys := make([]string, 0, 2*len(v))
	for k := range v {
		keys = append(keys, k)
		if strings.HasPrefix(k, "ال") {
			keys = append(keys, k[len("ا"):])
		}
	}
	return keys
}

// Scratch holds reusable buffers for one goroutine.
type Scratch struct {
	// Starts, when it holds one entry per token, is each token's start
	// mask for Keys (lexicon.StartMasks) computed by the caller; Find
	// then does not hash the words again.
	Starts []uint32
	// Bare holds, after Find, the numbers of the sentence that count no
	// noun («هو عشرة»): not entities, but figures an event may read.
	Bare  []Span
	hits  []hit
	start []int32  // hits[start[i]:start[i+1]] begin at token i
	mask  []uint64 // kinds of the words starting at token i (bit = kind)
	key   []byte
	cue   ner.Scratch
	taken []bool // tokens inside a span already found
	// The last on-demand look-ups (see parser.lookupAside), and the
	// state of the one in progress.
	aside     [asideRing]hit
	asideNext int
	asideFn   func(int, []byte, bool)
	want      kind
	wantTok   int
	best      hit
	found     bool

	// The scan's state, for the peeling callback.
	r        *Rules
	text     []byte
	toks     []segment.Token
	tok      int
	peelMask uint32
	peelFn   func(int, []byte, bool)
}

// Find appends to dst what the rules find in one sentence: text is the
// normalized buffer the tokens index, mentions the sentence's gazetteer
// candidates (pattern names may wrap them), ref the reference date for
// relative dates. Spans come in text order and do not overlap one
// another (they may overlap mentions; see Span.Owns).
func (r *Rules) Find(dst []Span, s *Scratch, text []byte, toks []segment.Token, mentions []ner.Mention, ref time.Time) []Span {
	if len(toks) == 0 {
		return dst
	}
	p := r.begin(s, text, toks)
	p.mentions, p.ref = mentions, ref
	s.Bare = s.Bare[:0]
	first := len(dst)
	// One pass; at each token a date first (numbers inside dates are not
	// quantities), then a counted number, then a pattern name.
	for i := 0; i < len(toks); i++ {
		m, number := s.mask[i], toks[i].Kind == segment.Number
		var sp Span
		ok := false
		if m&dateStarts != 0 || number {
			if sp, ok = p.date(i); ok && p.insideName(sp) {
				ok = false
			}
		}
		if !ok && (m&numberStarts != 0 || number) {
			sp, ok = p.quantity(i)
			if !ok && sp.Number != nil && (len(s.Bare) == 0 || s.Bare[len(s.Bare)-1].LastToken < sp.FirstToken) {
				// A bare number, kept aside; the words after its first
				// are read as ever («خمسة وعشرون» once).
				s.Bare = append(s.Bare, sp)
			}
		}
		if !ok && m&(1<<kOrgHead|1<<kNameHead) != 0 {
			if sp, ok = p.org(i); !ok {
				sp, ok = p.place(i)
			}
		}
		if ok {
			dst = append(dst, sp)
			p.take(sp)
			i = sp.LastToken
		}
	}
	sortSpans(dst[first:])
	return dst
}

// asideKinds are the kinds of frequent words that only matter next to
// something else: they are looked up when a rule asks, not in every
// sentence's scan.
const asideKinds = 1<<numKinds - 1 - 1<<0 - (dateStarts | numberStarts | 1<<kOrgHead | 1<<kNameHead | scanned)

// scanned are kinds that start nothing but are asked about around every
// place (compass words) or weekday (future cues): cheaper found by the
// scan than looked up each time.
const scanned = 1<<kCompass | 1<<kFuture

// The kinds of word a date or a number may start with.
const (
	dateStarts = 1<<kMonth | 1<<kWeekday | 1<<kRelative | 1<<kDay | 1<<kPart | 1<<kYearCue |
		1<<kAgo | 1<<kDecade | 1<<kMonthCue | 1<<kFirstDay | 1<<kOrdinal
	numberStarts = 1<<kNumUnit | 1<<kNumTeenUnit | 1<<kNumTen | 1<<kNumTens | 1<<kNumHundreds | 1<<kNumScale |
		1<<kOrdinal | 1<<kNumHalf | 1<<kCountedDual
)

// begin scans a sentence and returns a parser over it with no token
// taken.
func (r *Rules) begin(s *Scratch, text []byte, toks []segment.Token) parser {
	r.scan(s, text, toks)
	s.taken = s.taken[:0]
	for range toks {
		s.taken = append(s.taken, false)
	}
	return parser{r: r, s: s, text: text, toks: toks}
}

// insideName reports whether a gazetteer name holds the span and more
// («روسيا اليوم», the channel): the name wins.
func (p *parser) insideName(sp Span) bool {
	for k := range p.mentions {
		m := &p.mentions[k]
		if m.FirstToken <= sp.FirstToken && m.LastToken >= sp.LastToken && m.LastToken-m.FirstToken > sp.LastToken-sp.FirstToken {
			return true
		}
	}
	return false
}

// Qualify returns the compass direction that qualifies a place mention:
// a compass word before it («شمالي درعا», «جنوب غربي دمشق») or, after a
// container head («ريف درعا الغربي»), a compass adjective after it. It
// must follow Find on the same sentence (it reads Find's scan).
func (r *Rules) Qualify(s *Scratch, text []byte, toks []segment.Token, m *ner.Mention) string {
	// Compass words are found by the scan: most places have none near.
	near := false
	for k := max(0, m.FirstToken-3); k <= m.LastToken+1 && k < len(s.mask); k++ {
		if s.mask[k]&(1<<kCompass) != 0 {
			near = true
			break
		}
	}
	if !near {
		return ""
	}
	s.r = r
	p := parser{r: r, s: s, text: text, toks: toks}
	c := &m.Cues
	if c.Head != nil && c.Head.Container || c.InnerHead != nil && c.InnerHead.Container {
		if h := p.inner(m.LastToken+1, kCompass); h != nil && h.article {
			return h.w.key
		}
	}
	// One or two compass words right before the name (جنوب غربي), or
	// before its head noun («شرق مدينة غزة»).
	j := m.FirstToken - 1
	if c.Head != nil && c.Head.Kind == ner.CueHead && p.isKind(j, segment.Word) && p.get(j, kCompass) == nil {
		j--
	}
	if !p.isKind(j, segment.Word) {
		return ""
	}
	for k := max(0, j-1); k <= j; k++ {
		if h := p.get(k, kCompass); h != nil && h.last == j && !h.article {
			return h.w.key
		}
	}
	return ""
}

func hasArticle(key []byte) bool { return len(key) > 4 && string(key[:4]) == "ال" }

// sortSpans orders spans by first token (insertion sort: few per sentence).
func sortSpans(sp []Span) {
	for a := 1; a < len(sp); a++ {
		for b := a; b > 0 && sp[b].FirstToken < sp[b-1].FirstToken; b-- {
			sp[b], sp[b-1] = sp[b-1], sp[b]
		}
	}
}
