package khabar

import (
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/events"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/resolve"
	"github.com/khabar-ie/khabar/internal/rules"
	"github.com/khabar-ie/khabar/internal/segment"
	"github.com/khabar-ie/khabar/internal/textio"
	"github.com/khabar-ie/khabar/stemmer/arabic"
)

// ExtractReader processes one document read from r, sentence by sentence:
// emit is called for every record as soon as the sentence that holds it
// is complete, so records flow before the input ends and memory stays
// bounded however long the document is. The document's records end with
// an *ErrorRecord (if it failed) and always a *Summary.
//
// It returns a *DocumentError if the document is not text or reading it
// failed, the context's error if ctx was cancelled, or the first error
// emit returned (which stops the document at once).
func (x *Extractor) ExtractReader(ctx context.Context, info DocInfo, r io.Reader, emit func(Record) error) error {
	ru := x.get(info, emit)
	defer x.put(ru)
	err := ru.process(ctx, r)
	var docErr *DocumentError
	switch {
	case err == nil:
	case errors.As(err, &docErr):
		ru.sum.Status = "failed"
		if ru.sum.Characters > 0 {
			ru.sum.Status = "partial"
		}
		ru.sum.Errors = append(ru.sum.Errors, docErr.Err.Error())
		if emitErr := emit(&ErrorRecord{Record: KindError, Doc: info.ID, Error: docErr.Err.Error()}); emitErr != nil {
			return emitErr
		}
	default:
		return err // cancelled, or emit failed: no summary
	}
	if ru.sum.Characters == 0 && ru.sum.Status == "ok" {
		ru.sum.Warnings = append(ru.sum.Warnings, "empty document")
	}
	sum := ru.sum
	if emitErr := emit(&sum); emitErr != nil {
		return emitErr
	}
	return err
}

// run is the state of one document in flight. Text is held in a window
// that starts at the first sentence not yet processed: the original bytes
// (orig) and their normalized form with its offset map (norm). Offsets in
// the map are relative to the window; origin is the window's offset in
// the document.
type run struct {
	x    *Extractor
	info DocInfo
	emit func(Record) error

	orig   []byte           // original text of the window (valid UTF-8)
	origin int              // document code point offset of orig[0]
	norm   normalize.Mapped // normalized window
	cps    int32            // code points in orig

	scan     int   // normalized byte offset of the first unprocessed sentence
	scanRune int32 // the same in normalized runes

	cursor struct{ cp, b int } // walks orig to turn code points into bytes

	reader   *textio.Reader
	stemmer  arabic.Stemmer
	toks     []segment.Token
	mentions []ner.Mention
	scratch  ner.Scratch
	ref      time.Time // the document's reference date

	// The rules' scratch, the sentence's rule spans, and which of its
	// mentions a rule span holds.
	rscratch rules.Scratch
	rspans   []rules.Span
	owned    []bool

	// Event triggers of the sentence, the window's candidates, and what
	// the document's assembly carries across windows.
	escratch events.Scratch
	triggers []events.Trigger
	evStarts []uint32 // each token's start mask for the event words
	evCands  []events.Candidate
	evState  events.State
	winEnts  []*Entity // the window's entities, for the events
	// winLocative says of each of winEnts whether the words before it
	// place something there (في، قرب، a head noun, a compass word).
	winLocative []bool
	evMents     []events.Mention
	// evNumbers are the bare numbers and subset words of sentences that
	// tell of killing («عدد القتلى … هو عشرة», «بينهم»): for the events'
	// figures, not entities.
	evNumbers []events.Mention
	events    int

	// The decision window: candidates of the sentences read since the
	// last decision, waiting for the resolver.
	doc       *resolve.Doc
	pend      []candidate
	fixed     []ruleCandidate // the window's rule spans, decided already
	pendBytes int             // normalized bytes of the window's sentences
	decisions []resolve.Decision
	accepted  []accepted // the window's entities before overlaps are settled
	kept      []accepted

	sum      Summary
	entities int

	// tokenFn, when set, receives every token (the debug view); tokens
	// wait in pendTokens until their window is decided.
	tokenFn    func(Token) error
	pendTokens []pendingToken
	spans      []tokenEntity
}

// candidate is a gazetteer candidate mapped to the original text, waiting
// for its window to be decided.
type candidate struct {
	m          ner.Mention
	sentence   int
	start, end int // document code points
	text, norm string
	direction  string // compass word qualifying it, if a place
}

// ruleCandidate is a rule span mapped to the original text.
type ruleCandidate struct {
	sp         rules.Span
	sentence   int
	start, end int
	text, norm string
}

// accepted is an entity of the window before overlaps are settled: a
// gazetteer candidate (pend[i], with its decision) or a rule span
// (fixed[i]).
type accepted struct {
	start, end int
	rule       bool
	i          int
}

// pendingToken is a token of the debug view and its index in its sentence.
type pendingToken struct {
	tok   Token
	index int
}

// tokenEntity records which tokens an entity covers, for the debug view.
type tokenEntity struct {
	sentence    int
	first, last int
	id          string
}

// get takes a run from the pool, ready for a document.
func (x *Extractor) get(info DocInfo, emit func(Record) error) *run {
	ru := x.pool.Get().(*run)
	ru.reset(x, info, emit)
	return ru
}

// put returns a run to the pool without the document's callbacks, so the
// pool keeps buffers, not the caller's state.
func (x *Extractor) put(ru *run) {
	ru.emit, ru.tokenFn, ru.info = nil, nil, DocInfo{}
	x.pool.Put(ru)
}

func (ru *run) reset(x *Extractor, info DocInfo, emit func(Record) error) {
	*ru = run{
		x: x, info: info, emit: emit,
		orig:        ru.orig[:0],
		norm:        normalize.Mapped{Text: ru.norm.Text[:0], Start: ru.norm.Start[:0], End: ru.norm.End[:0]},
		reader:      ru.reader,
		stemmer:     ru.stemmer,
		toks:        ru.toks[:0],
		mentions:    ru.mentions[:0],
		scratch:     ru.scratch,
		rscratch:    ru.rscratch,
		escratch:    ru.escratch,
		triggers:    ru.triggers[:0],
		evStarts:    ru.evStarts[:0],
		evCands:     ru.evCands[:0],
		winEnts:     ru.winEnts[:0],
		winLocative: ru.winLocative[:0],
		evMents:     ru.evMents[:0],
		evNumbers:   ru.evNumbers[:0],
		rspans:      ru.rspans[:0],
		owned:       ru.owned[:0],
		doc:         ru.doc,
		pend:        ru.pend[:0],
		fixed:       ru.fixed[:0],
		decisions:   ru.decisions[:0],
		accepted:    ru.accepted[:0],
		kept:        ru.kept[:0],
		pendTokens:  ru.pendTokens[:0],
		spans:       ru.spans[:0],
	}
	if ru.doc == nil {
		ru.doc = x.resolver.NewDoc()
	} else {
		ru.doc.Reset()
	}
	ru.sum = x.newSummary(info.ID, info.RefDate)
	ref := x.refDate(info.RefDate)
	ru.ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	ru.evState = events.State{DocDate: ru.ref.Format("2006-01-02")}
}

// process reads the whole stream.
func (ru *run) process(ctx context.Context, r io.Reader) error {
	if ru.reader == nil {
		ru.reader = textio.NewReader(r, 0, true)
	} else {
		ru.reader.Reset(r, true)
	}
	rd := ru.reader
	defer func() {
		ru.sum.Bytes = rd.BytesRead()
		ru.sum.InvalidUTF8 = rd.Invalid()
	}()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		block, err := rd.Next()
		atEOF := err == io.EOF
		if err != nil && !atEOF {
			// Finish what was read, then report.
			if flushErr := ru.sentences(true); flushErr != nil {
				return flushErr
			}
			if flushErr := ru.decide(); flushErr != nil {
				return flushErr
			}
			return &DocumentError{Doc: ru.info.ID, Err: err}
		}
		if !atEOF {
			ru.orig = append(ru.orig, block...)
			before := ru.cps
			ru.cps = ru.x.norm.AppendMapped(&ru.norm, block, ru.cps)
			ru.sum.Characters += int(ru.cps - before)
		}
		if err := ru.sentences(atEOF); err != nil {
			return err
		}
		if atEOF {
			return ru.decide()
		}
		ru.compact()
	}
}

// sentences processes every complete sentence in the window.
func (ru *run) sentences(atEOF bool) error {
	for ru.scan < len(ru.norm.Text) {
		b, ok := segment.NextSentence(ru.norm.Text[ru.scan:], atEOF, ru.x.cfg.MaxSentenceBytes)
		if !ok {
			return nil
		}
		if b.Forced {
			ru.sum.CutSentences++
		}
		end := ru.scan + b.End
		endRune, err := ru.sentence(ru.scan, end, ru.scanRune)
		if err != nil {
			return err
		}
		ru.scan, ru.scanRune = end, endRune
	}
	return nil
}

// sentence tags one sentence: normalized bytes [from, to) of the window,
// whose first rune is number fromRune. It returns the rune number just
// past the sentence.
func (ru *run) sentence(from, to int, fromRune int32) (int32, error) {
	var endRune int32
	ru.toks, endRune = segment.Tokenize(ru.toks[:0], ru.norm.Text[from:to], int32(from), fromRune)
	if len(ru.toks) == 0 {
		return endRune, nil
	}
	return endRune, ru.tag(to - from)
}

// tag finds the gazetteer candidates and rule spans of the sentence in
// ru.toks and queues them for the resolver; when the window holds enough
// text, it is decided. size is the sentence's length in normalized bytes.
func (ru *run) tag(size int) error {
	index := ru.sum.Sentences
	ru.sum.Sentences++
	ru.sum.Tokens += len(ru.toks)
	text := ru.norm.Text
	// One hashing pass over the words serves the gazetteer, the rules and
	// the events.
	ru.scratch.Starts, ru.rscratch.Starts, ru.evStarts = ru.scratch.Starts[:0], ru.rscratch.Starts[:0], ru.evStarts[:0]
	var masks [3]uint32 // rules, event words, event triggers
	mayTrigger := false
	for _, tok := range ru.toks {
		var names uint32
		masks = [3]uint32{}
		if tok.Kind != segment.Punct {
			names = ru.x.lex.StartMasksOf(text[tok.Start:tok.End], ru.x.filters, masks[:])
		}
		ru.scratch.Starts = append(ru.scratch.Starts, names)
		ru.rscratch.Starts = append(ru.rscratch.Starts, masks[0])
		ru.evStarts = append(ru.evStarts, masks[1])
		mayTrigger = mayTrigger || masks[2] != 0
	}
	ru.mentions = ru.x.tagger.Tag(ru.mentions[:0], &ru.scratch, text, ru.toks)
	ru.rspans = ru.x.rules.Find(ru.rspans[:0], &ru.rscratch, text, ru.toks, ru.mentions, ru.ref)
	// Names a rule span holds (فرع “أمن الدولة”) are not entities of
	// their own.
	ru.owned = ru.owned[:0]
	for range ru.mentions {
		ru.owned = append(ru.owned, false)
	}
	for i := range ru.rspans {
		for _, k := range ru.rspans[i].Owns {
			ru.owned[k] = true
		}
	}
	// This is the one place where normalized offsets become original
	// ones: the window still holds the sentence's text. Mentions and rule
	// spans are taken in text order, so the cursor only moves forward.
	ru.triggers = ru.triggers[:0]
	if mayTrigger {
		// Most sentences have no trigger: their cues are not looked up.
		ru.triggers = ru.x.events.Find(ru.triggers, &ru.escratch, text, ru.toks, ru.evStarts)
	}
	sentStart, sentEnd := ru.norm.Orig(int(ru.toks[0].RuneStart), int(ru.toks[len(ru.toks)-1].RuneEnd))
	sentByte := 0 // the sentence's first byte in ru.orig, for the events' contexts
	if len(ru.triggers) > 0 {
		sentByte = ru.byteOffset(sentStart) // before the spans move the cursor on
	}
	mi, si, ti := 0, 0, 0
	const none = int32(1<<31 - 1)
	for mi < len(ru.mentions) || si < len(ru.rspans) || ti < len(ru.triggers) {
		mStart, sStart, tStart := none, none, none
		if mi < len(ru.mentions) {
			mStart = ru.mentions[mi].RuneStart
		}
		if si < len(ru.rspans) {
			sStart = ru.rspans[si].RuneStart
		}
		if ti < len(ru.triggers) {
			tStart = ru.triggers[ti].RuneStart
		}
		if tStart < mStart && tStart < sStart {
			// An event trigger: kept with its sentence until the window
			// is decided.
			tr := ru.triggers[ti]
			ti++
			start, end := ru.norm.Orig(int(tr.RuneStart), int(tr.RuneEnd))
			c := events.Candidate{
				Trigger: tr, Sentence: index,
				Start: ru.origin + start, End: ru.origin + end, Text: ru.origText(start, end),
				SentStart: ru.origin + sentStart, SentEnd: ru.origin + sentEnd,
			}
			c.Context, c.ContextStart, c.ContextEnd = ru.context(sentByte, sentStart, sentEnd, start, end)
			c.ContextStart += ru.origin
			c.ContextEnd += ru.origin
			if tr.Actor != "" {
				as, ae := ru.norm.Orig(int(tr.ActorStart), int(tr.ActorEnd))
				c.ActorText, c.ActorOrigS, c.ActorOrigE = ru.origText(as, ae), ru.origin+as, ru.origin+ae
			}
			if tr.Source != "" {
				ss, se := ru.norm.Orig(int(tr.SourceStart), int(tr.SourceEnd))
				c.SourceText, c.SourceOrigS, c.SourceOrigE = ru.origText(ss, se), ru.origin+ss, ru.origin+se
			}
			ru.evCands = append(ru.evCands, c)
			continue
		}
		if sStart == none || mStart <= sStart {
			m := &ru.mentions[mi]
			mi++
			if ru.owned[mi-1] {
				continue
			}
			start, end := ru.norm.Orig(int(m.RuneStart), int(m.RuneEnd))
			ru.pend = append(ru.pend, candidate{
				m: *m, sentence: index,
				start: ru.origin + start, end: ru.origin + end,
				text: ru.origText(start, end), norm: string(text[m.Start:m.End]),
			})
			if ru.x.placeMatch(m) {
				ru.pend[len(ru.pend)-1].direction = ru.x.rules.Qualify(&ru.rscratch, text, ru.toks, m)
			}
			ru.doc.Add(*m, index)
			continue
		}
		sp := ru.rspans[si]
		si++
		sp.Owns = nil // the slice is the sentence's scratch
		start, end := ru.norm.Orig(int(sp.RuneStart), int(sp.RuneEnd))
		ru.fixed = append(ru.fixed, ruleCandidate{
			sp: sp, sentence: index,
			start: ru.origin + start, end: ru.origin + end,
			text: ru.origText(start, end), norm: string(text[sp.Start:sp.End]),
		})
	}
	ru.bareNumbers(index)
	if ru.tokenFn != nil {
		ru.bufferTokens(index)
	}
	ru.pendBytes += size
	if ru.pendBytes >= ru.x.cfg.ContextBytes {
		return ru.decide()
	}
	return nil
}

// context returns the sentence [sentStart, sentEnd) as written, cut to
// at most events.ContextLimit code points around the trigger [start, end)
// at spaces, with its bounds (window code points, like its arguments).
// sentByte is where the sentence starts in ru.orig: the text is read from
// there, without moving the cursor the spans share.
func (ru *run) context(sentByte, sentStart, sentEnd, start, end int) (string, int, int) {
	lo, hi := sentStart, sentEnd
	if hi-lo > events.ContextLimit {
		lo = max(sentStart, min(start-(events.ContextLimit-(end-start))/2, sentEnd-events.ContextLimit))
		hi = lo + events.ContextLimit
	}
	from := skipRunes(ru.orig, sentByte, lo-sentStart)
	text := string(ru.orig[from:skipRunes(ru.orig, from, hi-lo)])
	// Whole words: drop a word cut at either end.
	if lo > sentStart {
		if i := strings.IndexByte(text, ' '); i >= 0 {
			if n := utf8.RuneCountInString(text[:i]) + 1; lo+n <= start {
				text, lo = text[i+1:], lo+n
			}
		}
	}
	if hi < sentEnd {
		if i := strings.LastIndexByte(text, ' '); i >= 0 {
			if n := utf8.RuneCountInString(text[:i]); lo+n >= end {
				text, hi = text[:i], lo+n
			}
		}
	}
	return text, lo, hi
}

// bareNumbers keeps the bare numbers and subset words («بينهم») of a
// sentence with a word that counts the dead or wounded (قتلى، مقتل،
// أصيب), for the events to read figures with: the numbers the rules' Find
// set aside, the words the events' Find saw.
func (ru *run) bareNumbers(index int) {
	counting := false
	for i := range ru.triggers {
		if k := ru.triggers[i].Kind; k.Deaths || k.Injuries {
			counting = true
			break
		}
	}
	if !counting {
		return
	}
	for _, sp := range ru.escratch.Subsets {
		start, end := ru.norm.Orig(int(sp[0]), int(sp[1]))
		ru.evNumbers = append(ru.evNumbers, events.Mention{
			Ref: -1, Type: events.TypeSubset, Sentence: index, Entry: -1,
			Start: ru.origin + start, End: ru.origin + end,
		})
	}
	for _, sp := range ru.rscratch.Bare {
		if sp.Number.Ordinal {
			continue
		}
		start, end := ru.norm.Orig(int(sp.RuneStart), int(sp.RuneEnd))
		ru.evNumbers = append(ru.evNumbers, events.Mention{
			Ref: -1, Type: events.TypeNumber, Sentence: index, Entry: -1,
			Start: ru.origin + start, End: ru.origin + end, Text: ru.origText(start, end),
			Value: sp.Number.Value, Conj: strings.HasPrefix(sp.Prefix, "و"),
		})
	}
}

// decide resolves the window's candidates and emits the entities, in text
// order. Where a gazetteer name and a rule span overlap, one wins: the
// longer span, and at equal length the gazetteer's (it is the more
// specific: a known entry with ids).
func (ru *run) decide() error {
	ru.pendBytes = 0
	ru.decisions = ru.doc.Resolve(ru.decisions[:0])
	ru.accepted = ru.accepted[:0]
	for i, d := range ru.decisions {
		if d.Accept {
			c := &ru.pend[i]
			ru.accepted = append(ru.accepted, accepted{start: c.start, end: c.end, i: i})
		}
	}
	for i := range ru.fixed {
		c := &ru.fixed[i]
		ru.accepted = append(ru.accepted, accepted{start: c.start, end: c.end, rule: true, i: i})
	}
	ru.kept = settleOverlaps(ru.kept[:0], ru.accepted)
	ru.spans = ru.spans[:0]
	for _, a := range ru.kept {
		var e *Entity
		var sentence, first, last int
		var locative bool
		if a.rule {
			c := &ru.fixed[a.i]
			e = ru.ruleEntity(c)
			sentence, first, last = c.sentence, c.sp.FirstToken, c.sp.LastToken
			locative = c.sp.Head != "" || c.sp.Direction != ""
		} else {
			c := &ru.pend[a.i]
			e = ru.entity(c, ru.decisions[a.i])
			sentence, first, last = c.sentence, c.m.FirstToken, c.m.LastToken
			cu := &c.m.Cues
			locative = cu.Place != nil || cu.Head != nil || cu.InnerHead != nil || cu.Direction != nil || cu.InPrep || cu.AfterMention
		}
		ru.sum.Counts[e.Type]++
		ru.winEnts = append(ru.winEnts, e)
		ru.winLocative = append(ru.winLocative, locative)
		if ru.tokenFn != nil {
			ru.spans = append(ru.spans, tokenEntity{sentence, first, last, e.ID})
			continue
		}
		if err := ru.emit(e); err != nil {
			return err
		}
	}
	if err := ru.assembleEvents(); err != nil {
		return err
	}
	clear(ru.pend) // drop the texts and matches the window held
	ru.pend = ru.pend[:0]
	clear(ru.fixed)
	ru.fixed = ru.fixed[:0]
	clear(ru.evCands)
	ru.evCands = ru.evCands[:0]
	clear(ru.evNumbers)
	ru.evNumbers = ru.evNumbers[:0]
	clear(ru.winEnts)
	ru.winEnts = ru.winEnts[:0]
	ru.winLocative = ru.winLocative[:0]
	if ru.tokenFn != nil {
		return ru.flushTokens()
	}
	return nil
}

// settleOverlaps keeps, among overlapping entities, the longest (the
// gazetteer's at equal length, then the earlier), and returns the kept
// ones in text order.
func settleOverlaps(kept, all []accepted) []accepted {
	// Usually nothing overlaps: then text order is all there is to do.
	slices.SortFunc(all, func(a, b accepted) int { return a.start - b.start })
	clear := true
	for i := 1; i < len(all) && clear; i++ {
		clear = all[i-1].end <= all[i].start
	}
	if clear {
		return append(kept, all...)
	}
	slices.SortStableFunc(all, func(a, b accepted) int {
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return lb - la
		}
		if a.rule != b.rule {
			if a.rule {
				return 1
			}
			return -1
		}
		return a.start - b.start
	})
	for _, a := range all {
		// kept is in text order: find where a would go and check its
		// neighbours.
		k, _ := slices.BinarySearchFunc(kept, a.start, func(x accepted, start int) int { return x.start - start })
		if k > 0 && kept[k-1].end > a.start || k < len(kept) && kept[k].start < a.end {
			continue
		}
		kept = slices.Insert(kept, k, a)
	}
	return kept
}

// entity turns a decided candidate into a record.
func (ru *run) entity(c *candidate, d resolve.Decision) *Entity {
	m := &c.m
	lex := ru.x.tagger.Lexicon()
	entries := lex.Entries()
	bestIndex := m.Matches[d.Best].Entry
	best := &entries[bestIndex]
	ru.entities++
	e := &Entity{
		Record:    KindEntity,
		Doc:       ru.info.ID,
		ID:        "e" + strconv.Itoa(ru.entities),
		Type:      best.Type,
		Subtype:   best.Subtype,
		Text:      c.text,
		Start:     c.start,
		End:       c.end,
		Norm:      c.norm,
		Canonical: best.Name,
		NameEn:    best.NameEn,
		IDs:       idsOf(best),
		Source:    ru.x.sources[bestIndex],
		Evidence:  d.Basis,
		Sentence:  c.sentence,
		Prefix:    m.Prefix,
		Admin:     ru.x.adminChain(bestIndex),
	}
	if best.Type == rules.TypePlace {
		e.Direction = c.direction
		if h := m.Cues.Head; h != nil && h.Kind == ner.CueHead {
			e.Head = h.Word
		}
	}
	if best.Geo != nil {
		e.Geo = &Geo{Lat: best.Geo.Lat, Lon: best.Geo.Lon}
	}
	for i, alt := range m.Matches {
		if i != d.Best {
			e.Alternatives = append(e.Alternatives, entries[alt.Entry].ID)
		}
	}
	return e
}

// placeMatch reports whether a mention may name a place.
func (x *Extractor) placeMatch(m *ner.Mention) bool {
	for _, mt := range m.Matches {
		if x.isPlace[mt.Entry] {
			return true
		}
	}
	return false
}

// idsOf returns a record's ids for a gazetteer entry: its own and the
// external ones.
func idsOf(e *lexicon.Entry) map[string]string {
	ids := make(map[string]string, 1+len(e.IDs))
	ids["gazetteer"] = e.ID
	for _, kv := range e.IDs {
		ids[kv.Key] = kv.Value
	}
	return ids
}

// ruleEntity turns a rule span into a record.
func (ru *run) ruleEntity(c *ruleCandidate) *Entity {
	sp := &c.sp
	ru.entities++
	e := &Entity{
		Record:    KindEntity,
		Doc:       ru.info.ID,
		ID:        "e" + strconv.Itoa(ru.entities),
		Type:      sp.Type,
		Subtype:   sp.Subtype,
		Text:      c.text,
		Start:     c.start,
		End:       c.end,
		Norm:      c.norm,
		Source:    sp.Rule,
		Sentence:  c.sentence,
		Prefix:    sp.Prefix,
		Head:      sp.Head,
		Direction: sp.Direction,
	}
	if d := sp.Date; d != nil {
		v := &DateValue{Point: d.Point()}
		if d.Range {
			v.From, v.To = d.Ends()
		}
		e.Value, e.Calendar, e.Hijri = v, d.Calendar, d.Hijri
		e.Resolved = "explicit"
		if d.Relative {
			e.Resolved = "relative"
		}
	}
	if n := sp.Number; n != nil && sp.Type == rules.TypeQuantity {
		e.Quantity = &Quantity{Value: n.Value, Unit: n.Unit}
		e.Subtype = n.Unit
	}
	if sp.Entry >= 0 {
		// The entry a pattern name links to: the entity itself when it
		// is of the same kind (وزارة الداخلية → the ministry), else what it
		// belongs to (فرع أمن الدولة → أمن الدولة), first in its chain.
		entries := ru.x.tagger.Lexicon().Entries()
		ent := &entries[sp.Entry]
		if ent.Type == sp.Type && ent.Subtype == sp.Subtype {
			e.Canonical, e.NameEn = ent.Name, ent.NameEn
			e.IDs = idsOf(ent)
			e.Admin = ru.x.adminChain(sp.Entry)
		} else {
			e.Admin = append([]AdminUnit{{ID: ent.ID, Name: ent.Name, Subtype: ent.Subtype}}, ru.x.adminChain(sp.Entry)...)
		}
	}
	return e
}

// origText returns the original text between window code point offsets.
// Spans come in increasing order, so a cursor walks the window once.
func (ru *run) origText(start, end int) string {
	from := ru.byteOffset(start)
	b := skipRunes(ru.orig, from, end-start)
	return string(ru.orig[from:b])
}

// skipRunes returns the byte offset n code points after byte offset b of
// text, which is valid UTF-8 (the reader replaced every ill-formed
// sequence), so a rune's length follows from its first byte.
func skipRunes(text []byte, b, n int) int {
	for ; n > 0 && b < len(text); n-- {
		c := text[b]
		switch {
		case c < 0x80:
			b++
		case c < 0xE0:
			b += 2
		case c < 0xF0:
			b += 3
		default:
			b += 4
		}
	}
	return min(b, len(text))
}

// compact drops the processed sentences from the window.
func (ru *run) compact() {
	if ru.scan == 0 {
		return
	}
	keepRunes := ru.norm.Len() - int(ru.scanRune)
	// The original text to drop: up to where the first kept rune came
	// from, or everything when the window is fully processed.
	cut := int(ru.cps)
	if keepRunes > 0 {
		cut = int(ru.norm.Start[ru.scanRune])
	}
	cutBytes := ru.byteOffset(cut)
	ru.orig = ru.orig[:copy(ru.orig, ru.orig[cutBytes:])]
	ru.origin += cut
	ru.cps -= int32(cut)
	m := &ru.norm
	m.Text = m.Text[:copy(m.Text, m.Text[ru.scan:])]
	m.Start = m.Start[:copy(m.Start, m.Start[ru.scanRune:])]
	m.End = m.End[:copy(m.End, m.End[ru.scanRune:])]
	for i := range m.Start {
		m.Start[i] -= int32(cut)
		m.End[i] -= int32(cut)
	}
	ru.scan, ru.scanRune = 0, 0
	ru.cursor.cp, ru.cursor.b = 0, 0
}

// byteOffset returns the byte offset in orig of window code point cp.
// Look-ups come in increasing order, so a cursor walks the window once;
// a point nearer the window's end (where compact cuts) is found walking
// back from the end instead.
func (ru *run) byteOffset(cp int) int {
	c := &ru.cursor
	if cp < c.cp {
		c.cp, c.b = 0, 0 // out of order: walk again from the window's start
	}
	if back := int(ru.cps) - cp; back < cp-c.cp {
		b := len(ru.orig)
		for ; back > 0 && b > 0; back-- {
			b--
			for b > 0 && !utf8.RuneStart(ru.orig[b]) {
				b--
			}
		}
		c.cp, c.b = cp, b
		return b
	}
	c.b = skipRunes(ru.orig, c.b, cp-c.cp)
	c.cp = cp
	return c.b
}
