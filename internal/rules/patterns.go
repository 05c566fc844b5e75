package rules

import (
	"bytes"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/segment"
)

// The organization patterns, by the class of the head noun (org-heads.tsv):
//
//	unit    الفرقة|اللواء… ordinal | head number          «الفرقة التاسعة», «الفوج 46»
//	branch  فرع|شعبة… [“] organization [”] | head number  «فرع “أمن الدولة”», «فرع 215»
//	body    وزارة|مجلس… [“] name | place | definite words «وزارة الداخلية», «بلدية جاسم»
//	group   تنظيم|حركة… “quoted name” | organization      «تنظيم “الدولة”»
//	media   صحيفة|وكالة… “quoted name” | organization | definite words
//	forces  قوات + organization | place | definite words; القوات + country adjective
//
// A pattern never starts inside a gazetteer name, and the gazetteer names
// it wraps become part of it (Span.Owns). The name it links to (Span.Entry)
// is the organization or country the wrapped name is.

// maxNameTokens bounds a quoted name or a run of definite words.
const maxNameTokens = 6

// mentionAt returns the index of the gazetteer mention starting at token
// j, or -1.
func (p *parser) mentionAt(j int) int {
	for k := range p.mentions {
		if p.mentions[k].FirstToken == j {
			return k
		}
	}
	return -1
}

// inMention reports whether token i lies inside a gazetteer mention.
func (p *parser) inMention(i int) bool {
	for k := range p.mentions {
		if m := &p.mentions[k]; m.FirstToken <= i && i <= m.LastToken {
			return true
		}
	}
	return false
}

// matchOf returns the entry of the first match of mention k of the given
// type, or -1.
func (p *parser) matchOf(k int, typ string) int32 {
	entries := p.r.lex.Entries()
	for _, m := range p.mentions[k].Matches {
		if entries[m.Entry].Type == typ {
			return m.Entry
		}
	}
	return -1
}

// isOpenQuote and isCloseQuote recognize quotation marks around names.
func isOpenQuote(w []byte) bool {
	switch string(w) {
	case "\"", "“", "«", "'", "‘", "(":
		return true
	}
	return false
}

func isCloseQuote(w []byte) bool {
	switch string(w) {
	case "\"", "”", "»", "'", "’", ")":
		return true
	}
	return false
}

// quoted reads a quoted name opening at token j: it returns the closing
// quote's token.
func (p *parser) quoted(j int) (int, bool) {
	if !p.isKind(j, segment.Punct) || !isOpenQuote(p.word(j)) {
		return 0, false
	}
	words := 0
	for k := j + 1; k < len(p.toks) && k <= j+maxNameTokens+1; k++ {
		if p.toks[k].Kind == segment.Punct {
			if isCloseQuote(p.word(k)) && words > 0 {
				return k, true
			}
			return 0, false
		}
		words++
	}
	return 0, false
}

// definiteRun reads definite words from token j («الداخلية السورية»,
// «الشؤون الاجتماعية والعمل»): each opens with the article (after و for
// all but the first), none is a function word, a date word or a name of
// another kind. It returns the last token of at most max words.
func (p *parser) definiteRun(j, max int) (int, bool) {
	last := -1
	for k := j; k < len(p.toks) && k < j+max; k++ {
		if !p.isKind(k, segment.Word) {
			break
		}
		w := p.word(k)
		conj := false
		if k > j && bytes.HasPrefix(w, []byte("وال")) {
			w, conj = w[len("و"):], true
		}
		if !bytes.HasPrefix(w, []byte("ال")) || utf8.RuneCount(w) < 4 {
			break
		}
		if p.blocksName(k, conj) {
			break
		}
		last = k
	}
	return last, last >= 0
}

// blocksName reports whether token k cannot be part of a name: a function
// word, a date or number word, a compass word, or the start of a gazetteer
// place (unless it is an adjective: «وزارة الداخلية السعودية»).
func (p *parser) blocksName(k int, conj bool) bool {
	for _, a := range [...]kind{kStop, kPlaceStop, kDirection, kCompass, kUnit} {
		if p.inner(k, a) != nil {
			return true
		}
	}
	for _, h := range p.hits(k) {
		if h.clitic && !conj {
			continue
		}
		switch h.w.kind {
		case kMonth, kWeekday, kRelative, kOrdinal,
			kNumUnit, kNumTen, kNumTens, kNumHundreds, kNumScale, kOrgHead:
			return true
		}
	}
	if m := p.mentionAt(k); m >= 0 && !p.mentions[m].Cues.Attributive && p.matchOf(m, TypePlace) >= 0 {
		return true
	}
	return false
}

// org reads an organization named by pattern at token i.
func (p *parser) org(i int) (Span, bool) {
	h := p.get(i, kOrgHead)
	if h == nil || p.inMention(i) {
		return Span{}, false
	}
	head := &p.r.heads[h.w.value]
	j := h.last + 1
	sp, ok := Span{}, false
	switch head.class {
	case "unit":
		sp, ok = p.unit(i, j, head)
	case "branch":
		sp, ok = p.branch(i, j, head)
	case "body":
		sp, ok = p.named(i, j, head, true)
	case "group":
		sp, ok = p.named(i, j, head, false)
	case "media":
		sp, ok = p.named(i, j, head, h.w.key == "media" && p.mediaTakesWords(head))
	case "forces":
		sp, ok = p.forces(i, j, head)
	}
	if !ok {
		return Span{}, false
	}
	sp.Type = TypeOrg
	if sp.Subtype == "" {
		sp.Subtype = head.subtype
	}
	return sp, true
}

// mediaTakesWords reports whether a media head takes a bare definite name
// («صحيفة الوطن») and not only a quoted or known one: شبكة and موقع are
// too often the internet or a position.
func (p *parser) mediaTakesWords(head *orgHead) bool {
	return head.word != "شبكة" && head.word != "موقع"
}

// orgSpan builds the span from the head (token i) to last; a closing quote
// right after last is included when its opening quote is inside.
func (p *parser) orgSpan(i, last int, rule string, quoted bool) Span {
	sp := p.span(i, last, p.nameStart(i), TypeOrg, rule)
	if quoted && last+1 < len(p.toks) && isCloseQuote(p.word(last+1)) {
		t := p.toks[last+1]
		sp.LastToken, sp.End, sp.RuneEnd = last+1, t.End, t.RuneEnd
	}
	return sp
}

// owns records the mentions inside tokens first..last.
func (p *parser) owns(sp *Span) {
	for k := range p.mentions {
		if m := &p.mentions[k]; m.FirstToken >= sp.FirstToken && m.LastToken <= sp.LastToken {
			sp.Owns = append(sp.Owns, k)
		}
	}
}

// unit reads «الفرقة التاسعة», «الفوج 46», «لواء 313».
func (p *parser) unit(i, j int, head *orgHead) (Span, bool) {
	if _, n, ok := p.digits(j); ok && n <= 4 {
		return p.orgSpan(i, j, "org:unit", false), true
	}
	if !head.definite {
		return p.named(i, j, head, false)
	}
	if last, _, ok := p.ordinal(j, false); ok {
		sp := p.orgSpan(i, last, "org:unit", false)
		return sp, true
	}
	return Span{}, false
}

// branch reads «فرع أمن الدولة», «فرع “أمن الدولة”», «شعبة المخابرات
// العسكرية», «فرع 215».
func (p *parser) branch(i, j int, head *orgHead) (Span, bool) {
	if _, n, ok := p.digits(j); ok && n <= 4 {
		return p.orgSpan(i, j, "org:branch", false), true
	}
	if head.definite {
		return Span{}, false
	}
	quoted := p.isKind(j, segment.Punct) && isOpenQuote(p.word(j))
	if quoted {
		j++
	}
	k := p.mentionAt(j)
	if k < 0 || p.mentions[k].Prefix != "" {
		return Span{}, false
	}
	e := p.matchOf(k, TypeOrg)
	if e < 0 {
		return Span{}, false
	}
	sub := p.r.lex.Entries()[e].Subtype
	security := sub == "security_service" || sub == "police"
	if !security && head.word != "فرع" {
		return Span{}, false // «إدارة ترامب»: an administration, not a branch
	}
	sp := p.orgSpan(i, p.mentions[k].LastToken, "org:branch", quoted)
	sp.Entry = e
	if !security {
		sp.Subtype = "branch"
	}
	p.owns(&sp)
	return sp, true
}

// named reads a head noun and the name it governs: a quoted name, a
// gazetteer organization (or, for bodies, a place: «بلدية جاسم»,
// «مجلس محافظة درعا»), or, when words is set, a run of definite words.
func (p *parser) named(i, j int, head *orgHead, words bool) (Span, bool) {
	if head.definite {
		return Span{}, false
	}
	if close, ok := p.quoted(j); ok {
		sp := p.orgSpan(i, close, "org:"+head.class, false)
		if k := p.mentionAt(j + 1); k >= 0 && p.mentions[k].LastToken == close-1 {
			sp.Entry = p.matchOf(k, TypeOrg)
		}
		p.owns(&sp)
		return sp, true
	}
	if k := p.mentionAt(j); k >= 0 && p.mentions[k].Prefix == "" {
		m := &p.mentions[k]
		e := p.matchOf(k, TypeOrg)
		if e < 0 && head.class == "body" {
			e = p.matchOf(k, TypePlace)
		}
		if e < 0 {
			return Span{}, false
		}
		sp := p.orgSpan(i, m.LastToken, "org:"+head.class, false)
		sp.Entry = e
		p.owns(&sp)
		return sp, true
	}
	if head.class == "body" {
		// «مجلس محافظة درعا», «مديرية صحة درعا»: one noun, then a place.
		if k := p.mentionAt(j + 1); k >= 0 && p.isKind(j, segment.Word) && p.mentions[k].Prefix == "" && !p.blocksName(j, false) {
			if e := p.matchOf(k, TypePlace); e >= 0 && !bytes.HasPrefix(p.word(j), []byte("ال")) {
				sp := p.orgSpan(i, p.mentions[k].LastToken, "org:body", false)
				sp.Entry = e
				p.owns(&sp)
				return sp, true
			}
		}
	}
	if !words {
		return Span{}, false
	}
	last, ok := p.definiteRun(j, 4)
	if !ok {
		return Span{}, false
	}
	sp := p.orgSpan(i, last, "org:"+head.class, false)
	p.owns(&sp)
	return sp, true
}

// forces reads «قوات النظام», «قوات سوريا الديمقراطية», «قوات الأمن» and,
// with the article, «القوات الروسية», «الشرطة العسكرية الروسية».
func (p *parser) forces(i, j int, head *orgHead) (Span, bool) {
	if head.definite {
		last, foreign, country := -1, false, ""
		for k := j; k < j+2; k++ {
			n := p.inner(k, kNisba)
			if n == nil {
				break
			}
			last = n.last
			if n.w.value == 1 {
				foreign, country = true, n.w.key
			}
		}
		if last < 0 {
			return Span{}, false
		}
		sp := p.orgSpan(i, last, "org:forces", false)
		if foreign {
			sp.Subtype = "foreign_forces"
			if e, ok := p.r.countries[country]; ok {
				sp.Entry = e
			}
		}
		p.owns(&sp)
		return sp, true
	}
	if k := p.mentionAt(j); k >= 0 && p.mentions[k].Prefix == "" {
		m := &p.mentions[k]
		sp := p.orgSpan(i, m.LastToken, "org:forces", false)
		if e := p.matchOf(k, TypeOrg); e >= 0 {
			sp.Entry = e
			if p.r.lex.Entries()[e].Subtype == "foreign_forces" {
				sp.Subtype = "foreign_forces"
			}
		} else if e := p.matchOf(k, TypePlace); e >= 0 {
			sp.Entry = e
			if en := p.r.lex.Entries()[e]; en.Subtype == "country" && en.Name != "سوريا" {
				sp.Subtype = "foreign_forces"
			}
		} else {
			return Span{}, false
		}
		p.owns(&sp)
		return sp, true
	}
	last, ok := p.definiteRun(j, 2)
	if !ok {
		return Span{}, false
	}
	sp := p.orgSpan(i, last, "org:forces", false)
	p.owns(&sp)
	return sp, true
}

// place reads a place head noun and a name the gazetteer does not know:
// «قرية الكرك الشرقي», «بلدة “تسيل”», «حي طريق السد».
func (p *parser) place(i int) (Span, bool) {
	if !p.isKind(i, segment.Word) || p.inMention(i) {
		return Span{}, false
	}
	h := p.get(i, kNameHead)
	if h == nil || h.article {
		return Span{}, false
	}
	cue := p.r.tagger.CueAt(&p.s.cue, p.word(i))
	if cue == nil || cue.Kind != ner.CueHead || cue.Article {
		return Span{}, false
	}
	j := i + 1
	if p.mentionAt(j) >= 0 || p.inMention(j) {
		return Span{}, false // the gazetteer names it (or the word is another name)
	}
	first, last := j, -1
	quoted := false
	if close, ok := p.quoted(j); ok {
		first, last, quoted = j+1, close-1, true
		for k := first; k <= last; k++ {
			if p.inMention(k) {
				return Span{}, false
			}
		}
	} else {
		if !p.isKind(j, segment.Word) || p.blocksName(j, false) || p.notPlaceName(j) {
			return Span{}, false
		}
		last = j
		if p.inner(j, kNameInitial) != nil {
			// «تل شهاب», «عين الفيجة»: the name takes the next word.
			if !p.isKind(j+1, segment.Word) || p.blocksName(j+1, false) || p.inMention(j+1) {
				return Span{}, false
			}
			last = j + 1
		}
		if a := p.inner(last+1, kAdjective); a != nil && !p.inMention(last+1) {
			last = a.last
		}
	}
	sp := p.span(first, last, 0, TypePlace, "place:head")
	if cue.Subtypes != nil {
		sp.Subtype = cue.Subtypes[0]
	} else {
		sp.Subtype = "region"
	}
	sp.Head = cue.Word
	sp.FirstToken = i // the head is the pattern's, not the name's
	if quoted {
		sp.LastToken = last + 1
	}
	// A compass word before the head qualifies the place («شمالي بلدة X»).
	if i > 0 {
		for k := max(0, i-2); k < i; k++ {
			if c := p.get(k, kCompass); c != nil && c.last == i-1 && !c.article {
				sp.Direction = c.w.key
				break
			}
		}
	}
	return sp, true
}

// notPlaceName reports a word after a head noun that describes instead of
// naming: an indefinite nisba adjective («منطقة عسكرية», «حي سكني») or a
// word listed as not a name.
func (p *parser) notPlaceName(j int) bool {
	w := p.word(j)
	if p.inner(j, kPlaceStop) != nil || p.inner(j, kStop) != nil {
		return true
	}
	if !bytes.HasPrefix(w, []byte("ال")) && utf8.RuneCount(w) >= 4 && (bytes.HasSuffix(w, []byte("ي")) || bytes.HasSuffix(w, []byte("يه"))) {
		return true
	}
	return utf8.RuneCount(w) < 2
}
