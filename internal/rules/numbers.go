package rules

import (
	"bytes"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/segment"
)

// Numbers appends every number expression of a sentence to dst: cardinals
// in digits or words, ordinals, and counted nouns («13 قتيلًا»), as
// QUANTITY spans whose Number says which. Find reports only the counted
// ones, and sets the bare cardinals it read aside in Scratch.Bare (an
// event's «هو عشرة»); this reads them all, ordinals too.
func (r *Rules) Numbers(dst []Span, s *Scratch, text []byte, toks []segment.Token) []Span {
	if len(toks) == 0 {
		return dst
	}
	p := r.begin(s, text, toks)
	// Number words inside month and day names («كانون الأول», «أول
	// أمس», «الاثنين») are not figures.
	for _, h := range s.hits {
		switch h.w.kind {
		case kMonth, kWeekday, kRelative:
			for k := h.first; k <= h.last; k++ {
				s.taken[k] = true
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		if s.taken[i] {
			continue
		}
		sp, ok := p.number(i, true)
		if !ok {
			continue
		}
		dst = append(dst, sp)
		i = sp.LastToken
	}
	return dst
}

// quantity reads a number followed by a counted noun.
func (p *parser) quantity(i int) (Span, bool) {
	sp, ok := p.number(i, false)
	return sp, ok && sp.Number.Unit != ""
}

// number reads a cardinal or ordinal at token i and the counted noun
// after a cardinal. Ordinals are read only when ordinals is set.
func (p *parser) number(i int, ordinals bool) (Span, bool) {
	// «قتيلين»: a dual counts on its own.
	if d := p.get(i, kCountedDual); d != nil {
		sp := p.span(i, d.last, d.nameStart, TypeQuantity, "rule:number:counted")
		sp.Number = &Number{Value: int64(d.w.value), Unit: d.w.key}
		return sp, true
	}
	if ordinals {
		last, v, ok := p.ordinal(i, true)
		if !ok {
			last, v, ok = p.tensOrdinal(i)
		}
		if ok {
			sp := p.span(i, last, p.nameStart(i), TypeQuantity, "rule:number:ordinal")
			sp.Number = &Number{Value: v, Ordinal: true}
			return sp, true
		}
	}
	last, n, ok := p.cardinal(i, true)
	if !ok {
		return Span{}, false
	}
	rule := "rule:number:cardinal"
	if c := p.inner(last+1, kCounted); c != nil && !p.infection(c) {
		n.Unit, last, rule = c.w.key, c.last, "rule:number:counted"
		if n.Unit == "case" {
			n.Unit = "injured"
		}
	}
	ns := int32(0)
	if p.toks[i].Kind == segment.Word {
		ns = p.nameStart(i)
	}
	sp := p.span(i, last, ns, TypeQuantity, rule)
	sp.Number = &n
	return sp, true
}

// cardinal reads a cardinal number: digits («13», «1,200», «1.5 مليون») or
// words («ثلاثة», «خمسة وعشرون», «ثلاثة آلاف», «مئتي»). The first token may
// carry a clitic when first is set.
func (p *parser) cardinal(i int, first bool) (last int, n Number, ok bool) {
	if p.isKind(i, segment.Number) {
		v, frac, ok := decimalValue(p.word(i))
		if !ok {
			return 0, Number{}, false
		}
		last = i
		s := p.inner(i+1, kNumScale)
		if s == nil {
			s = p.inner(i+1, kNumScales)
		}
		if s != nil && !isDual(s.w.value) {
			v = v*int64(s.w.value) + frac*int64(s.w.value)/1000
			last = s.last
		} else if frac != 0 {
			return 0, Number{}, false // 3.5 alone is not a count
		}
		return last, Number{Value: v}, true
	}
	var total, cur int64
	prevUnit := int64(0) // the unit just read, for «ثلاث مئة»
	j := i
	read := false
	for {
		h, next, conj := p.numberWord(j, !read && first, read)
		if h == nil {
			break
		}
		v := int64(h.w.value)
		switch h.w.kind {
		case kNumTeenUnit:
			ten := p.inner(h.last+1, kNumTen)
			if ten == nil {
				return p.done(read, j, total+cur)
			}
			cur += v + 10
			next = ten.last + 1
			prevUnit = 0
		case kNumUnit:
			if ten := p.inner(h.last+1, kNumTen); ten != nil {
				cur += v + 10
				next = ten.last + 1
				prevUnit = 0
			} else {
				cur += v
				prevUnit = v
			}
		case kNumTen, kNumTens:
			cur += v
			prevUnit = 0
		case kNumHundreds:
			if v == 100 && prevUnit > 0 && !conj {
				cur += prevUnit*100 - prevUnit // «ثلاث مئة»
			} else {
				cur += v
			}
			prevUnit = 0
		case kNumHalf:
			sc := p.inner(h.last+1, kNumScale)
			if sc == nil || isDual(sc.w.value) || read {
				return p.done(read, j, total+cur)
			}
			total += int64(sc.w.value) / 2 // «نصف مليون»
			next = sc.last + 1
		case kNumScale, kNumScales:
			if isDual(h.w.value) {
				if cur != 0 {
					return p.done(read, j, total+cur)
				}
				total += v // a dual: ألفين، مليونين
			} else {
				total += max(cur, 1) * v
			}
			cur = 0
			prevUnit = 0
		}
		read = true
		last = next - 1
		j = next
	}
	if !read {
		return 0, Number{}, false
	}
	return last, Number{Value: total + cur}, true
}

// infection reports a counted «إصابة» that is a case of disease, not a
// wound: «20 إصابة جديدة», «إصابة بالكوليرا».
func (p *parser) infection(c *hit) bool {
	if c.w.key != "case" {
		return false
	}
	next := c.last + 1
	return p.inner(next, kInfection) != nil || bytes.HasPrefix(p.word(next), []byte("بال"))
}

// isDual reports the value of a dual multiplier (ألفين، مليونين).
func isDual(v int) bool { return v == 2000 || v == 2000000 || v == 2000000000 }

// done ends a word number before token j.
func (p *parser) done(read bool, j int, v int64) (int, Number, bool) {
	if !read {
		return 0, Number{}, false
	}
	return j - 1, Number{Value: v}, true
}

// numberWord returns the number word at token j and the token after it.
// The first word of a number may carry a clitic (when first); later ones
// only the conjunction و («وعشرون»), or follow a separate «و»; a scale
// word may follow a number directly («ثلاثة آلاف»).
func (p *parser) numberWord(j int, first, after bool) (h *hit, next int, conj bool) {
	isNum := func(h *hit) bool {
		return h != nil && (h.w.kind >= kNumUnit && h.w.kind <= kNumScale || h.w.kind == kNumHalf)
	}
	// The number word at j, the reading with the fewest proclitics first
	// («واحد» is one, not و + أحد).
	pick := func(j int, clitic bool) *hit {
		var best *hit
		hs := p.hits(j)
		for k := range hs {
			h := &hs[k]
			if !isNum(h) || h.clitic && !clitic {
				continue
			}
			if best == nil || h.nameStart < best.nameStart {
				best = h
			}
		}
		return best
	}
	if !after {
		h := pick(j, first)
		if isNum(h) {
			return h, h.last + 1, false
		}
		return nil, 0, false
	}
	// After a number: a scale word, or و + a number word.
	if h := p.inner(j, kNumScale); h != nil {
		return h, h.last + 1, false
	}
	if h := p.inner(j, kNumScales); h != nil {
		return h, h.last + 1, false
	}
	if h := p.inner(j, kNumHundreds); h != nil && h.w.value == 100 {
		return h, h.last + 1, false
	}
	if w := p.word(j); bytes.Equal(w, []byte("و")) {
		if h := pick(j+1, false); isNum(h) {
			return h, h.last + 1, true
		}
		return nil, 0, false
	}
	if w := p.word(j); bytes.HasPrefix(w, []byte("و")) {
		if h := pick(j, true); isNum(h) && h.nameStart == int32(len("و")) && !h.article {
			return h, h.last + 1, true
		}
	}
	return nil, 0, false
}

// ordinal reads «الثالث», «الحادي عشر», «الخامسة عشرة», «الخامس
// والعشرين».
func (p *parser) ordinal(i int, first bool) (last int, v int64, ok bool) {
	var h *hit
	if first {
		h = p.get(i, kOrdinal)
	} else {
		h = p.inner(i, kOrdinal)
	}
	if h == nil || h.w.value >= 20 {
		return 0, 0, false
	}
	if nh := p.get(i-1, kNotOrdinal); nh != nil && nh.last == i-1 {
		return 0, 0, false // «للوهلة الأولى»
	}
	v, last = int64(h.w.value), h.last
	if ten := p.inner(last+1, kNumTen); ten != nil {
		return ten.last, v + 10, true
	}
	// و + العشرين: the tens with the article after the conjunction.
	if w := p.word(last + 1); bytes.HasPrefix(w, []byte("وال")) {
		if t := p.get(last+1, kOrdinal); t != nil && t.w.value >= 20 && t.nameStart == int32(len("و")) {
			return t.last, v + int64(t.w.value), true
		}
	}
	return last, v, true
}

// tensOrdinal reads a tens word with the article standing alone as an
// ordinal («القرن العشرين», «الذكرى السبعين»).
func (p *parser) tensOrdinal(i int) (last int, v int64, ok bool) {
	h := p.get(i, kOrdinal)
	if h == nil || h.w.value < 20 {
		return 0, 0, false
	}
	return h.last, int64(h.w.value), true
}

// decimalValue parses digits with thousands separators («1,200»,
// «1٬200») or one decimal point («1.5», «1٫5»): the integer part and the
// fraction in thousandths.
func decimalValue(b []byte) (v, frac int64, ok bool) {
	var intPart, fracPart []byte
	groups := 0
	sawPoint := false
	for k := 0; k < len(b); {
		r, size := utf8.DecodeRune(b[k:])
		switch {
		case r == ',' || r == 0x066C:
			groups++
		case r == '.' || r == 0x066B:
			if sawPoint {
				return 0, 0, false
			}
			sawPoint = true
		default:
			d, isDigit := digit(r)
			if !isDigit {
				return 0, 0, false
			}
			if sawPoint {
				fracPart = append(fracPart, byte('0'+d))
			} else {
				intPart = append(intPart, byte('0'+d))
			}
		}
		k += size
	}
	if len(intPart) == 0 || len(intPart) > 15 || sawPoint && groups > 0 {
		return 0, 0, false
	}
	if groups == 1 && !sawPoint {
		// «24,5 مليون»: a comma before one or two digits is a decimal
		// comma.
		if k := bytes.LastIndexAny(b, ",٬"); k >= 0 {
			after := utf8.RuneCount(b[k:]) - 1
			if after == 1 || after == 2 {
				intPart, fracPart = intPart[:len(intPart)-after], append(fracPart[:0], intPart[len(intPart)-after:]...)
				groups = 0
			}
		}
	}
	if groups > 0 && (len(intPart)-1)/3 != groups {
		return 0, 0, false
	}
	for _, c := range intPart {
		v = v*10 + int64(c-'0')
	}
	for k, scale := 0, int64(100); k < len(fracPart) && k < 3; k, scale = k+1, scale/10 {
		frac += int64(fracPart[k]-'0') * scale
	}
	return v, frac, true
}
