package rules

import (
	"bytes"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/lexicon"
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

// definiteRun reads a definite name from token j («الداخلية السورية»,
// «الشؤون الاجتماعية والعمل», «الأركان العامة»): a definite word, then
// adjectives (nisba-shaped, or listed as orgadj) and at most one و +
// definite word, which ends it. None may be a function word, a date or
// number word, or a place. It returns the last token of at most max words.
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
		if k > j && !conj && !isNisbaShaped(w) && p.inner(k, kOrgAdj) == nil {
			break // «وزارة الخارجية … الغارات»: a new noun, not the name
		}
		if p.blocksName(k, conj) || k == j && p.inner(k, kNotOrg) != nil {
			break
		}
		if m := p.mentionAt(k); k > j && m >= 0 && p.matchOf(m, TypeOrg) >= 0 {
			break // «وزارة الدفاع والموساد»: another organization
		}
		last = k
		if conj {
			break
		}
	}
	return last, last >= 0
}

// definiteRunFrom continues a definite name whose first word, at token
// first, is already read: adjectives from token j on.
func (p *parser) definiteRunFrom(j, first, max int) (int, bool) {
	last := first
	for k := j; k < len(p.toks) && k < j+max; k++ {
		w := p.word(k)
		if !p.isKind(k, segment.Word) || !isNisbaShaped(w) && p.inner(k, kOrgAdj) == nil || p.blocksName(k, false) {
			break
		}
		last = k
	}
	return last, true
}

// isNisbaShaped reports a definite word shaped like a nisba adjective
// (السورية، العسكري).
func isNisbaShaped(w []byte) bool {
	return bytes.HasPrefix(w, []byte("ال")) && utf8.RuneCount(w) >= 5 &&
		(bytes.HasSuffix(w, []byte("ي")) || bytes.HasSuffix(w, []byte("يه")) || bytes.HasSuffix(w, []byte("ية")))
}

// adjectives reads up to two nisba adjectives from token j («وزارة
// الداخلية العراقية», «الشرطة العسكرية الروسية»): it returns the last
// (j-1 if none) and the country a foreign one names ("-" for a foreign
// adjective without a country, such as الدولي).
func (p *parser) adjectives(j int) (last int, country string) {
	last = j - 1
	for k := j; k < j+3; k++ {
		if c := p.inner(k, kCompass); c != nil && c.article && k > 0 && isNisbaShaped(p.word(k-1)) {
			last = c.last // «الكورية الجنوبية»
			continue
		}
		n := p.inner(k, kNisba)
		if n == nil || k-j >= 2 {
			break
		}
		last = n.last
		if n.w.value == 1 {
			country = n.w.key
		}
	}
	return last, country
}

// blocksName reports whether token k cannot be part of a name: a function
// word, a date or number word, a compass word, or the start of a gazetteer
// place (unless it is an adjective: «وزارة الداخلية السعودية»).
func (p *parser) blocksName(k int, conj bool) bool {
	if p.asideKindsAt(k)&(1<<kStop|1<<kDirection|1<<kUnit) != 0 || p.inner(k, kCompass) != nil {
		return true
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
	if m := p.mentionAt(k); m >= 0 && !p.mentions[m].Cues.Attributive && p.admittedPlace(m) {
		return true
	}
	return false
}

// admittedPlace reports whether mention m may be a place the gazetteer
// admits without context (a strict name such as الداخلية, a province of
// Oman, does not stop «وزارة الداخلية»).
func (p *parser) admittedPlace(m int) bool {
	entries := p.r.lex.Entries()
	for _, mt := range p.mentions[m].Matches {
		if e := &entries[mt.Entry]; e.Type == TypePlace && e.Evidence != lexicon.EvidenceStrict {
			return true
		}
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
	if !head.definite && p.isKind(i-1, segment.Punct) && isOpenQuote(p.word(i-1)) {
		// “لواء شهداء الإسلام”: the quotation marks hold head and name.
		if close, found := p.quoted(i - 1); found && close > j {
			sp = p.orgSpan(i, close-1, head.rule, false)
			sp.Type, sp.Subtype = TypeOrg, head.subtype
			if head.class == "unit" || head.class == "forces" {
				sp.Subtype = "armed_group"
			}
			p.owns(&sp)
			return sp, true
		}
	}
	switch head.class {
	case "unit":
		sp, ok = p.unit(i, j, head)
	case "branch":
		sp, ok = p.branch(i, j, head)
	case "body":
		sp, ok = p.named(i, j, head, true)
	case "group":
		sp, ok = p.named(i, j, head, false)
	case "media", "desc":
		sp, ok = p.named(i, j, head, p.mediaTakesWords(head))
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
	last := -1
	if _, n, ok := p.digits(j); ok && n <= 4 {
		last = j
	} else if !head.definite {
		return p.named(i, j, head, false)
	} else if l, _, ok := p.ordinal(j, false); ok {
		last = l
	} else {
		return Span{}, false
	}
	// «اللواء 35 مدرع», «الفرقة 25 مهام خاصة».
	if u := p.inner(last+1, kUnitWord); u != nil {
		last = u.last
	}
	return p.orgSpan(i, last, "rule:org:unit", false), true
}

// branch reads «فرع أمن الدولة», «فرع “أمن الدولة”», «شعبة المخابرات
// العسكرية», «فرع 215».
func (p *parser) branch(i, j int, head *orgHead) (Span, bool) {
	if _, n, ok := p.digits(j); ok && n <= 4 {
		return p.orgSpan(i, j, "rule:org:branch", false), true
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
		// «فرع الأمن الجنائي»: a service the gazetteer does not list.
		if p.inner(j, kService) != nil {
			if last, ok := p.definiteRun(j, 3); ok && last > j {
				sp := p.orgSpan(i, last, "rule:org:branch", quoted)
				p.owns(&sp)
				return sp, true
			}
		}
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
	sp := p.orgSpan(i, p.mentions[k].LastToken, "rule:org:branch", quoted)
	sp.Entry = e
	if !security {
		sp.Subtype = "branch"
	}
	p.owns(&sp)
	return sp, true
}

// named reads a head noun and the name it governs: a quoted name, a
// gazetteer organization (or, for local bodies, a place: «بلدية جاسم»,
// «مجلس محافظة درعا»), or, when words is set, a definite name. Media
// outlets are reported by their quoted name alone («شبكة “درعا 24”» →
// درعا 24), as the outlet calls itself.
func (p *parser) named(i, j int, head *orgHead, words bool) (Span, bool) {
	if head.definite {
		return Span{}, false
	}
	lh := p.get(i, kLocal)
	local, direct := lh != nil, lh != nil && lh.w.value == 1
	nounOnly := lh != nil && lh.w.value == 2 // «مديرية صحة درعا», never «مديرية X»
	if close, ok := p.quoted(j); ok && !nounOnly && !p.quotedDescription(j+1, close-1) {
		var sp Span
		if head.class == "media" || head.class == "desc" {
			sp = p.span(j+1, close-1, 0, TypeOrg, head.rule)
		} else {
			sp = p.orgSpan(i, close, head.rule, false)
		}
		if k := p.mentionAt(j + 1); k >= 0 && p.mentions[k].LastToken == close-1 {
			sp.Entry = p.matchOf(k, TypeOrg)
		}
		p.owns(&sp)
		return sp, true
	}
	if k := p.mentionAt(j); k >= 0 && p.mentions[k].Prefix == "" && (head.class == "media" || head.class == "desc") {
		return Span{}, false // «شبكة درعا 24»: the outlet by its name
	}
	if k := p.mentionAt(j); k >= 0 && p.mentions[k].Prefix == "" && !nounOnly {
		m := &p.mentions[k]
		e := p.matchOf(k, TypeOrg)
		if e < 0 && direct {
			e = p.localPlace(k)
		}
		if e < 0 {
			goto words
		}
		last, country := p.adjectives(m.LastToken + 1)
		sp := p.orgSpan(i, last, head.rule, false)
		sp.Entry = e
		if country != "" {
			sp.Entry = p.country(country)
		}
		p.owns(&sp)
		return sp, true
	}
	if local {
		// «مجلس محافظة درعا», «مديرية صحة درعا»: one noun, then a place.
		if k := p.mentionAt(j + 1); k >= 0 && p.isKind(j, segment.Word) && p.mentions[k].Prefix == "" && !p.blocksName(j, false) {
			if e := p.localPlace(k); e >= 0 && !bytes.HasPrefix(p.word(j), []byte("ال")) {
				sp := p.orgSpan(i, p.mentions[k].LastToken, "rule:org:body", false)
				sp.Entry = e
				p.owns(&sp)
				return sp, true
			}
		}
	}
words:
	if !words || nounOnly {
		return Span{}, false
	}
	last, ok := p.definiteRun(j, 4)
	if !ok && !local {
		// «محكمة الميدان العسكرية»: a place's name inside an
		// organization's.
		if k := p.mentionAt(j); k >= 0 && p.mentions[k].Prefix == "" && p.mentions[k].LastToken == j &&
			bytes.HasPrefix(p.word(j), []byte("ال")) {
			last, ok = p.definiteRunFrom(j+1, j, 3) // not «محكمة ألمانية», a German court
		}
	}
	if !ok {
		return Span{}, false
	}
	last, country := p.adjectives(last + 1) // «وكالة الأنباء الكورية الشمالية»
	if country == "" {
		country = p.countryIn(j, last)
	}
	sp := p.orgSpan(i, last, head.rule, false)
	if head.class == "media" && p.inner(j, kService) != nil {
		sp.Subtype = "security_service" // «وكالة المخابرات المركزية»
	}
	if country != "" {
		sp.Entry = p.country(country)
	}
	p.owns(&sp)
	return sp, true
}

// localPlace returns the place mention k names when a local body may
// serve it (a city, town, village or administrative unit the gazetteer
// admits without context), or -1.
func (p *parser) localPlace(k int) int32 {
	entries := p.r.lex.Entries()
	for _, m := range p.mentions[k].Matches {
		e := &entries[m.Entry]
		if e.Type != TypePlace || e.Evidence == lexicon.EvidenceStrict {
			continue
		}
		switch e.Subtype {
		case "city", "town", "village", "capital", "governorate", "district", "subdistrict", "neighbourhood", "camp":
			return m.Entry
		}
	}
	return -1
}

// country returns the gazetteer entry of a country by canonical name, or
// -1.
func (p *parser) country(name string) int32 {
	if e, ok := p.r.countries[name]; ok {
		return e
	}
	return -1
}

// forces reads «قوات النظام», «قوات سوريا الديمقراطية», «قوات الأمن» and,
// with the article, «القوات الروسية», «الشرطة العسكرية الروسية».
func (p *parser) forces(i, j int, head *orgHead) (Span, bool) {
	if head.definite {
		last, country := p.adjectives(j)
		if last < j {
			return Span{}, false
		}
		sp := p.orgSpan(i, last, "rule:org:forces", false)
		if country != "" {
			sp.Subtype = "foreign_forces"
			sp.Entry = p.country(country)
		}
		p.owns(&sp)
		return sp, true
	}
	if p.inner(j, kNotForces) != nil {
		return Span{}, false // «قوات الأمن», «شرطة المدينة»: any state's, any town's
	}
	if k := p.mentionAt(j); k >= 0 && p.mentions[k].Prefix == "" {
		m := &p.mentions[k]
		sp := p.orgSpan(i, m.LastToken, "rule:org:forces", false)
		e := p.matchOf(k, TypeOrg)
		if e < 0 {
			e = p.matchOf(k, TypePlace)
		}
		if e < 0 {
			return Span{}, false
		}
		sp.Entry = e
		if p.foreign(e) {
			sp.Subtype = "foreign_forces" // «قوات الدفاع الإسرائيلية», «قوات روسيا»
		}
		p.owns(&sp)
		return sp, true
	}
	owner := p.inner(j, kOwner)
	if head.word == "جيش" && owner == nil {
		return Span{}, false // «جيش المستقبل»: a name needs quotes or the gazetteer
	}
	last, ok := p.definiteRun(j, 2)
	if !ok {
		return Span{}, false
	}
	last, country := p.adjectives(last + 1)
	if country == "" {
		country = p.countryIn(j, last) // «قوات الدفاع الإسرائيلي»
	}
	sp := p.orgSpan(i, last, "rule:org:forces", false)
	switch {
	case country != "":
		sp.Subtype, sp.Entry = "foreign_forces", p.country(country) // «قوات الأمن المصرية»
	case owner != nil && owner.w.value == 1:
		sp.Subtype = "foreign_forces" // «قوات الاحتلال», «قوات التحالف»
	}
	p.owns(&sp)
	return sp, true
}

// countryIn returns the country a foreign nisba adjective among tokens
// first..last names, or "".
func (p *parser) countryIn(first, last int) string {
	for k := first; k <= last; k++ {
		if n := p.inner(k, kNisba); n != nil && n.w.value == 1 {
			return n.w.key
		}
	}
	return ""
}

// foreign reports whether entry e is, or belongs to, a country other than
// Syria, or is itself a foreign force or an international body.
func (p *parser) foreign(e int32) bool {
	entries := p.r.lex.Entries()
	if sub := entries[e].Subtype; sub == "foreign_forces" || sub == "international" {
		return true // «قوات الحلف الأطلسي»
	}
	for ; e >= 0; e = p.r.lex.Parent(e) {
		if en := &entries[e]; en.Type == TypePlace && en.Subtype == "country" {
			return en.Name != "سوريا"
		}
	}
	return false
}

// place reads a place head noun and a name the gazetteer does not know
// (or knows only as a place the head does not fit: «حي المحمودية» where the
// gazetteer has a village): «قرية الكرك الشرقي», «بلدة “الجش”», «خيام
// الهنود». Heads that are part of the name (inname: مخيم، معبر، مطار، جبل…)
// are in the span: «معبر رفح» is the crossing, not the city.
func (p *parser) place(i int) (Span, bool) {
	if !p.isKind(i, segment.Word) || p.inMention(i) {
		return Span{}, false
	}
	h := p.get(i, kNameHead)
	if h == nil || h.article || h.clitic && len(p.word(i))-int(h.nameStart) <= 4 {
		return Span{}, false // «وحي أمان» is a name: a two-letter head takes no clitic
	}
	if nh := p.get(i-1, kNotHead); nh != nil && nh.last == i-1 && (nh.w.key == "" || nh.w.key == string(p.word(i)[h.nameStart:])) {
		return Span{}, false // «رصاص حي»: live ammunition; «من ناحية»: on the one hand
	}
	inName := h.w.value == 1
	cue := p.r.tagger.CueAt(&p.s.cue, p.word(i))
	if cue == nil || cue.Kind != ner.CueHead || cue.Article {
		return Span{}, false
	}
	j := i + 1
	if k := p.mentionAt(j); k >= 0 {
		switch {
		case p.mentions[k].Prefix != "" || p.matchOf(k, TypePlace) < 0:
			return Span{}, false
		case p.fits(k, cue) && inName:
			// «مخيم عين الحلوة»: the gazetteer's camp, with its head.
			sp := p.span(i, p.mentions[k].LastToken, p.nameStart(i), TypePlace, "rule:place:head")
			sp.Entry = p.fitting(k, cue)
			sp.Subtype = p.r.lex.Entries()[sp.Entry].Subtype
			p.owns(&sp)
			return sp, true
		case p.fits(k, cue):
			return Span{}, false // the gazetteer names it; the head is its evidence
		}
	} else if p.inMention(j) {
		return Span{}, false
	}
	first, last := j, -1
	quoted := false
	if close, ok := p.quoted(j); ok {
		first, last, quoted = j+1, close-1, true
	} else {
		if !p.isKind(j, segment.Word) || p.notPlaceName(j) || p.blocksName(j, false) && p.mentionAt(j) < 0 {
			return Span{}, false
		}
		if c := p.r.tagger.CueAt(&p.s.cue, p.word(j)); c != nil && (c.Kind == ner.CueHead || c.Kind == ner.CueOrgHead) {
			return Span{}, false // «ميناء محافظة الحديدة»: another head, not a name
		}
		last = j
		if k := p.mentionAt(j); k >= 0 {
			last = p.mentions[k].LastToken
		}
		next := last + 1
		switch {
		case last == j && p.inner(j, kNameInitial) != nil:
			// «تل شهاب», «عين الفيجة»: the name takes the next word.
			// A one-word gazetteer name there is part of this one («عين
			// الحلوة» though الحلوة is a village elsewhere).
			if !p.isKind(next, segment.Word) || p.notPlaceName(next) || p.blocksName(next, false) && !p.singleMention(next) ||
				p.inMention(next) && !p.singleMention(next) {
				return Span{}, false
			}
			last = next
			if p.inner(next, kNameInitial) != nil && p.isKind(next+1, segment.Word) && !p.notPlaceName(next+1) && !p.blocksName(next+1, false) {
				last = next + 1 // «مطار الملك عبد العزيز»
			}
		case last == j && !bytes.HasPrefix(p.word(j), []byte("ال")) && p.isKind(next, segment.Word) &&
			bytes.HasPrefix(p.word(next), []byte("ال")) && !isNisbaShaped(p.word(next)) && !isParticiple(p.word(next)) &&
			p.inner(next, kAdjective) == nil && !p.notPlaceName(next) && (p.singleMention(next) || !p.blocksName(next, false) && !p.inMention(next)):
			// «خيام الهنود», «خشم العان»: a noun and its genitive.
			last = next
		}
		if a := p.inner(last+1, kAdjective); a != nil && !p.inMention(last+1) && (!inName || p.inner(last+1, kCompass) == nil) {
			last = a.last // «قرية الكرك الشرقي», «مطار عدن الدولي»; not «ميناء عدن الجنوبي»
		}
	}
	nameStart := first
	if inName {
		nameStart = i
	}
	sp := p.span(nameStart, last, 0, TypePlace, "rule:place:head")
	if inName {
		sp = p.span(i, last, p.nameStart(i), TypePlace, "rule:place:head")
	}
	if cue.Subtypes != nil {
		sp.Subtype = cue.Subtypes[0]
	} else {
		sp.Subtype = "region"
	}
	if !inName {
		sp.Head = cue.Word
	}
	sp.FirstToken = i // the head is the pattern's, even outside the name
	if quoted {
		sp.LastToken = last + 1
	}
	p.owns(&sp)
	// A compass word before the head qualifies the place («شرق مدينة غزة»).
	for k := max(0, i-2); k < i; k++ {
		if c := p.get(k, kCompass); c != nil && c.last == i-1 && !c.article {
			sp.Direction = c.w.key
			break
		}
	}
	return sp, true
}

// singleMention reports whether a one-token gazetteer mention sits at
// token j.
func (p *parser) singleMention(j int) bool {
	k := p.mentionAt(j)
	return k >= 0 && p.mentions[k].LastToken == j && p.mentions[k].Prefix == ""
}

// looksVerbal reports a word after a head noun shaped like a verb or a
// prepositional phrase, not a name: an imperfect verb (يعتمد), a feminine
// past (تمكنت) or short present (تقع، تطل), or ل + the article (للعيش).
func looksVerbal(w []byte) bool {
	n := utf8.RuneCount(w)
	switch {
	case bytes.HasPrefix(w, []byte("لل")):
		return true
	case bytes.HasPrefix(w, []byte("ي")) && n >= 4:
		return true
	case bytes.HasPrefix(w, []byte("ت")) && (n == 3 || n >= 4 && bytes.HasSuffix(w, []byte("ت"))):
		return true
	}
	return false
}

// quotedDescription reports a quoted one-word indefinite adjective after
// a head («حزب “وسطي”», a centrist party), not a name.
func (p *parser) quotedDescription(first, last int) bool {
	if first != last {
		return false
	}
	w := p.word(first)
	return !bytes.HasPrefix(w, []byte("ال")) && utf8.RuneCount(w) >= 4 &&
		(bytes.HasSuffix(w, []byte("ي")) || bytes.HasSuffix(w, []byte("يه")))
}

// isParticiple reports a definite word shaped like a derived participle
// («المتنازع», «المستهدفة»), an adjective rather than a genitive name.
func isParticiple(w []byte) bool {
	return bytes.HasPrefix(w, []byte("المت")) || bytes.HasPrefix(w, []byte("المست"))
}

// fits reports whether a head noun fits one of mention k's places.
func (p *parser) fits(k int, cue *ner.Cue) bool { return p.fitting(k, cue) >= 0 }

// fitting returns the first of mention k's entries the head noun fits, or
// -1.
func (p *parser) fitting(k int, cue *ner.Cue) int32 {
	entries := p.r.lex.Entries()
	for _, m := range p.mentions[k].Matches {
		if e := &entries[m.Entry]; cue.Fits(e.Type, e.Subtype) {
			return m.Entry
		}
	}
	return -1
}

// notPlaceName reports a word after a head noun that describes instead of
// naming: an indefinite nisba adjective («منطقة عسكرية», «حي سكني») or a
// word listed as not a name.
func (p *parser) notPlaceName(j int) bool {
	w := p.word(j)

	if p.asideKindsAt(j)&(1<<kPlaceStop|1<<kStop) != 0 {
		return true
	}
	if looksVerbal(w) {
		return true
	}
	// An indefinite feminine nisba agrees with the head as an adjective
	// («منطقة عسكرية», «قرية سورية»); masculine ones are listed, since
	// names end in ي too (ميدي، براي).
	if !bytes.HasPrefix(w, []byte("ال")) && utf8.RuneCount(w) >= 4 && (bytes.HasSuffix(w, []byte("يه")) || bytes.HasSuffix(w, []byte("ية"))) {
		return true
	}
	return utf8.RuneCount(w) < 2
}
