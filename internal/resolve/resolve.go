// Package resolve decides which gazetteer candidates found by the tagger
// are mentions, and which entry each one names, from the evidence around
// them and the rest of the document.
//
// Every name has an evidence level (lexicon.Evidence): free names are
// reported wherever they occur; cue names need a sign that a place or
// organization is meant; strict names — ordinary words and first names
// that are also places (الباب، المدينة، السلام) — need stronger signs.
//
// Two signs of agreement rule a name out whatever its level (unless a
// head noun fits): a one-word name shaped like a nisba adjective right
// after a definite word is that adjective (وزارة الداخلية السعودية:
// "Saudi", not Saudi Arabia), and a city, town or village followed by a
// masculine nisba adjective is something else, usually a club (ليفربول
// الإنكليزي): places take feminine agreement.
//
// A cue name is admitted by any one of:
//
//   - a head noun that fits the entry (مدينة جاسم، محافظة درعا، تنظيم ...),
//     or the name's own first word when it is one (مخيم الهول): "head";
//   - for organizations, an opening quotation mark: "quote";
//   - coordination with a place just reported (في جاسم ونوى): "list";
//   - the same entry reported elsewhere in the document: "document";
//   - a sign of place before it — a preposition or adverb of place (في،
//     إلى، من، قرب), a noun such as أهالي, the preposition ب on the name, a
//     compass word (شمالي) — together with an enclosing place, up to three
//     levels up, that the document talks about (a village of a
//     sub-district, district or governorate mentioned; a province of a
//     country mentioned): "area".
//
// A strict name is admitted only by a fitting head noun, a quotation
// (organizations), or the same entry reported elsewhere in the document on
// a head noun, a quotation or a free name.
//
// Among several entries sharing a name (درعا the city and the governorate;
// المنصورة ×6) the choice is, in order of weight: a fitting head noun (or
// the quotation marks of an organization's name);
// evidence in the sentence itself over evidence from the document only
// (a region named like a newspaper reported earlier in quotes); the same
// entry already reported; the entry being an enclosing place of
// places reported; an enclosing place of its own being reported (smaller
// places weigh more); after a compass word, ريف or "X بY", the larger
// unit; then rank (prominence). The entries set aside are kept.
//
// The document is read in windows of sentences: before deciding a window,
// the resolver gathers what its mentions with local signs establish — an
// entry named with a head noun or a free name, and the places enclosing
// the likeliest entry of an ambiguous free name — so a bare "جاسم" early
// in a window is supported by "مدينة جاسم" later in it. The state of
// earlier windows carries over.
package resolve

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/khabar-ie/khabar/internal/datafile"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
)

//go:embed common-words.tsv
var commonWords []byte

// Resolver holds the evidence level of every gazetteer name. It is
// immutable and safe for concurrent use; per-document state lives in a Doc.
type Resolver struct {
	lex    *lexicon.Lexicon
	levels [][]lexicon.Evidence // per entry, per name (0 = canonical)
}

// New computes the evidence levels of lex's names: an entry's match column
// if set, else the default for its type, subtype and rank, raised to the
// level common-words.tsv gives its name.
func New(lex *lexicon.Lexicon, norm *normalize.Normalizer) (*Resolver, error) {
	common, err := loadCommonWords(commonWords, norm)
	if err != nil {
		return nil, err
	}
	entries := lex.Entries()
	r := &Resolver{lex: lex, levels: make([][]lexicon.Evidence, len(entries))}
	for i := range entries {
		e := &entries[i]
		names := 1 + len(e.Aliases)
		lv := make([]lexicon.Evidence, names)
		for k := 0; k < names; k++ {
			name := e.Name
			if k > 0 {
				name = e.Aliases[k-1]
			}
			lv[k] = levelOf(e, common[norm.String(name)])
		}
		r.levels[i] = lv
	}
	return r, nil
}

// levelOf is the evidence level of one name of e, given the level the
// common-word list sets for it (EvidenceDefault if none).
func levelOf(e *lexicon.Entry, common lexicon.Evidence) lexicon.Evidence {
	if e.Evidence != lexicon.EvidenceDefault {
		return e.Evidence
	}
	return max(DefaultLevel(e), common)
}

// DefaultLevel is the evidence level of an entry whose match column is
// empty: organizations, countries, territories, governorates, continents,
// regions and physical features (seas, rivers, mountains…), capitals and
// cities of rank 60 and more are free; every other place needs a cue.
func DefaultLevel(e *lexicon.Entry) lexicon.Evidence {
	if e.Type != "PLACE" {
		return lexicon.EvidenceFree
	}
	switch e.Subtype {
	case "country", "territory", "governorate", "continent", "region", "capital",
		"sea", "gulf", "strait", "lake", "canal", "desert", "island", "mountain", "river", "valley", "plain":
		return lexicon.EvidenceFree
	case "city":
		if e.Rank >= 60 {
			return lexicon.EvidenceFree
		}
	}
	return lexicon.EvidenceCue
}

// Level returns the evidence level of the name a match matched.
func (r *Resolver) Level(m lexicon.Match) lexicon.Evidence {
	return r.levels[m.Entry][m.Alias]
}

// loadCommonWords reads the list of names that are also common words:
// "word<TAB>level[<TAB>note]", level cue or strict.
func loadCommonWords(data []byte, norm *normalize.Normalizer) (map[string]lexicon.Evidence, error) {
	out := map[string]lexicon.Evidence{}
	err := datafile.Each(data, "common-words.tsv", func(f []string) error {
		if len(f) < 2 {
			return errors.New("want word, level and a note")
		}
		level, ok := lexicon.ParseEvidence(strings.TrimSpace(f[1]))
		if !ok || level == lexicon.EvidenceFree {
			return fmt.Errorf("level %q is not cue or strict", f[1])
		}
		key := norm.String(strings.TrimSpace(f[0]))
		if _, dup := out[key]; dup {
			return fmt.Errorf("%s listed twice", f[0])
		}
		out[key] = level
		return nil
	})
	return out, err
}

// Decision is the verdict on one candidate mention.
type Decision struct {
	// Accept is false when no entry had the evidence its name needs.
	Accept bool
	// Best indexes the mention's Matches: the entry chosen.
	Best int
	// Basis names the evidence that admitted it: "name" (a free name),
	// "head:<word>", "place:<word>", "clitic:ب", "direction:<word>",
	// "quote", "list", "document" or "area".
	Basis string
}

// Doc is the state of one document: the entries reported so far and the
// places they lie in, and the candidates of the window being read. A Doc
// is used by one goroutine at a time; Reset readies it for another
// document.
type Doc struct {
	r         *Resolver
	confirmed map[int32]bool // entries reported in the document
	strong    map[int32]bool // entries reported on a head noun, a quotation or a free name
	context   map[int32]bool // entries reported and the places enclosing them
	// Within a window: what mentions with local signs establish, used
	// before they are decided in order.
	wConfirmed map[int32]bool
	wContext   map[int32]bool
	pending    []item
	scratch    []cand
	ambiguous  []int // pending items admitted locally for several entries
}

// item is a candidate waiting in the window.
type item struct {
	m        ner.Mention
	sentence int
}

// cand is one entry of a mention under consideration.
type cand struct {
	k     int // index into Matches
	entry int32
	basis string
	fits  bool
}

// NewDoc returns the state for a new document.
func (r *Resolver) NewDoc() *Doc {
	return &Doc{
		r: r, confirmed: map[int32]bool{}, strong: map[int32]bool{}, context: map[int32]bool{},
		wConfirmed: map[int32]bool{}, wContext: map[int32]bool{},
	}
}

// Reset forgets the document, keeping the buffers.
func (d *Doc) Reset() {
	clear(d.confirmed)
	clear(d.strong)
	clear(d.context)
	clear(d.wConfirmed)
	clear(d.wContext)
	d.pending = d.pending[:0]
}

// Add queues a candidate of the given sentence (sentences in order).
func (d *Doc) Add(m ner.Mention, sentence int) {
	d.pending = append(d.pending, item{m: m, sentence: sentence})
}

// Resolve decides every queued candidate, in order, appending one
// Decision per candidate to dst, and empties the queue.
func (d *Doc) Resolve(dst []Decision) []Decision {
	clear(d.wConfirmed)
	clear(d.wContext)
	// First what local signs establish across the window: a mention its
	// own sentence admits for one entry adds that entry and the places
	// enclosing it; then a mention admitted for several adds the places
	// of its likeliest entry in that light (درعا: the governorate, which
	// gives a village of Daraa its area), without confirming the entry.
	d.ambiguous = d.ambiguous[:0]
	for i := range d.pending {
		switch cs := d.candidates(&d.pending[i].m, false, true); {
		case len(cs) == 1:
			d.wConfirmed[cs[0].entry] = true
			d.enclosing(cs[0].entry, d.wContext)
		case len(cs) > 1:
			d.ambiguous = append(d.ambiguous, i)
		}
	}
	for _, i := range d.ambiguous {
		m := &d.pending[i].m
		cs := d.candidates(m, false, true)
		d.enclosing(cs[d.best(m, cs)].entry, d.wContext)
	}
	// Then each candidate in order, with the whole document's evidence.
	prevSentence, prevPlace := -1, false
	for i := range d.pending {
		it := &d.pending[i]
		if it.sentence != prevSentence {
			prevPlace = false
		}
		dec := d.decide(&it.m, prevPlace)
		prevSentence = it.sentence
		prevPlace = dec.Accept && d.r.lex.Entries()[it.m.Matches[dec.Best].Entry].Type == "PLACE"
		if dec.Accept {
			e := it.m.Matches[dec.Best].Entry
			d.confirmed[e] = true
			if dec.Basis == "name" || dec.Basis == "quote" || strings.HasPrefix(dec.Basis, "head:") {
				d.strong[e] = true
			}
			d.enclosing(e, d.context)
		}
		dst = append(dst, dec)
	}
	d.pending = d.pending[:0]
	return dst
}

// enclosing adds entry e and its ancestors to set.
func (d *Doc) enclosing(e int32, set map[int32]bool) {
	for ; e >= 0; e = d.r.lex.Parent(e) {
		set[e] = true
	}
}

// decide picks the entry a candidate names, if any has the evidence it
// needs.
func (d *Doc) decide(m *ner.Mention, prevPlace bool) Decision {
	cs := d.candidates(m, prevPlace, false)
	if len(cs) == 0 {
		return Decision{}
	}
	best := d.best(m, cs)
	return Decision{Accept: true, Best: cs[best].k, Basis: cs[best].basis}
}

// best returns the index of the highest scoring candidate, the first
// defined among equals.
func (d *Doc) best(m *ner.Mention, cs []cand) int {
	best, bestScore := 0, -1<<31
	for i, c := range cs {
		if s := d.score(m, c); s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// candidates returns the entries of m that have the evidence their names
// need. With local, only signs in the sentence count.
func (d *Doc) candidates(m *ner.Mention, prevPlace, local bool) []cand {
	entries := d.r.lex.Entries()
	head := m.Cues.Head
	if head == nil {
		head = m.Cues.InnerHead
	}
	anyFits := false
	for _, mt := range m.Matches {
		if fitsHead(&m.Cues, &entries[mt.Entry]) {
			anyFits = true
			break
		}
	}
	out := d.scratch[:0]
	for k, mt := range m.Matches {
		e := &entries[mt.Entry]
		fits := fitsHead(&m.Cues, e)
		if anyFits && !fits {
			continue // مدينة درعا: not the governorate
		}
		if basis, ok := d.evidence(m, mt, e, fits, head, prevPlace, local); ok {
			out = append(out, cand{k: k, entry: mt.Entry, basis: basis, fits: fits})
		}
	}
	d.scratch = out
	return out
}

// fitsHead reports whether the head noun before a name fits entry e, or,
// with no head noun before it, whether the name carries its own (مخيم
// الهول, تنظيم الدولة), which fits any entry of its type.
func fitsHead(c *ner.Cues, e *lexicon.Entry) bool {
	if c.Head != nil {
		return c.Head.Fits(e.Type, e.Subtype)
	}
	if c.InnerHead != nil {
		return c.InnerHead.Fits(e.Type, "")
	}
	return false
}

// evidence returns the sign that admits entry e under the level of its
// matched name, if any. With local, only signs in the sentence count.
func (d *Doc) evidence(m *ner.Mention, mt lexicon.Match, e *lexicon.Entry, fits bool, head *ner.Cue, prevPlace, local bool) (string, bool) {
	level := d.r.Level(mt)
	cues := &m.Cues
	switch {
	case fits:
		return "head:" + head.Word, true
	case cues.Attributive:
		return "", false // وزارة الداخلية السعودية: an adjective
	case cues.Masculine && isSettlement(e.Subtype):
		return "", false // ليفربول الإنكليزي: a club, not the city
	case level == lexicon.EvidenceFree:
		return "name", true
	case cues.Quoted && e.Type == "ORG":
		return "quote", true
	case local:
		return "", false
	case d.strong[mt.Entry] || d.wConfirmed[mt.Entry]:
		return "document", true
	case level == lexicon.EvidenceStrict:
		return "", false
	case e.Type != "PLACE":
		return "", false
	case cues.AfterMention && cues.Conj && prevPlace:
		return "list", true
	case d.confirmed[mt.Entry]:
		return "document", true
	}
	placeSign := cues.Place != nil || cues.InPrep || cues.Direction != nil
	if placeSign && d.inArea(mt.Entry, areaDepth) {
		return "area", true
	}
	return "", false
}

// areaDepth is how far up the admin chain a place the document talks
// about may be for a cue name's area: a village's sub-district, district or
// governorate; a province's country.
const areaDepth = 3

// inArea reports whether one of the first depth ancestors of e is a place
// the document talks about. A country counts only as the direct parent (a
// province or city of a country mentioned): every Syrian village lies in
// Syria, and Syria is in most of our documents.
func (d *Doc) inArea(e int32, depth int) bool {
	entries := d.r.lex.Entries()
	p := d.r.lex.Parent(e)
	for level := 1; level <= depth && p >= 0; level++ {
		if d.context[p] || d.wContext[p] {
			if level == 1 || !isCountry(entries[p].Subtype) {
				return true
			}
		}
		p = d.r.lex.Parent(p)
	}
	return false
}

// isSettlement reports the subtypes of cities, towns and villages: place
// names that take feminine agreement.
func isSettlement(subtype string) bool {
	switch subtype {
	case "city", "capital", "town", "village":
		return true
	}
	return false
}

// isCountry reports the subtypes too large to be a village's area.
func isCountry(subtype string) bool {
	return subtype == "country" || subtype == "territory" || subtype == "continent"
}

// Score weights (see the package comment for the order they encode).
const (
	weightHead      = 4000
	weightLocal     = 2500 // admitted by the sentence itself, not by the document (document, area)
	weightConfirmed = 2000
	weightImplied   = 1000
	weightAncestor  = 50 // per level of the enclosing place below a continent
	weightContainer = 50 // per admin level, after a compass word or ريف
)

// score ranks an admitted entry of m.
func (d *Doc) score(m *ner.Mention, c cand) int {
	e := &d.r.lex.Entries()[c.entry]
	s := e.Rank
	if c.fits || c.basis == "quote" {
		s += weightHead // a quotation names an organization as a head noun does
	}
	if c.basis != "document" && c.basis != "area" {
		s += weightLocal
	}
	if d.confirmed[c.entry] || d.wConfirmed[c.entry] {
		s += weightConfirmed
	}
	if d.context[c.entry] || d.wContext[c.entry] {
		s += weightImplied
	}
	// The nearest enclosing place the document talks about: the smaller
	// it is, the more it says (a sub-district more than a governorate).
	// Two candidates in the same such place score alike, whatever their
	// own depth.
	for p := d.r.lex.Parent(c.entry); p >= 0; p = d.r.lex.Parent(p) {
		if d.context[p] || d.wContext[p] {
			s += weightAncestor * (10 - adminLevel(d.r.lex.Entries()[p].Subtype))
			break
		}
	}
	if m.Cues.Direction != nil || (m.Cues.InPrep && m.Cues.AfterMention) {
		s += weightContainer * adminLevel(e.Subtype)
	}
	return s
}

// adminLevel orders place subtypes from small to large.
func adminLevel(subtype string) int {
	switch subtype {
	case "continent":
		return 8
	case "country", "territory":
		return 7
	case "governorate", "province":
		return 6
	case "region":
		return 5
	case "district":
		return 4
	case "subdistrict":
		return 3
	case "city", "capital":
		return 2
	case "town":
		return 1
	}
	return 0
}
