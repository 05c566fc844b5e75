package rules

import (
	"time"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/segment"
)

// parser applies the rules to one sentence.
type parser struct {
	r        *Rules
	s        *Scratch
	text     []byte
	toks     []segment.Token
	mentions []ner.Mention
	ref      time.Time
}

// hits returns the vocabulary words starting at token i, longest first.
func (p *parser) hits(i int) []hit {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	return p.s.hits[p.s.start[i]:p.s.start[i+1]]
}

// get returns the longest word of kind k starting at token i, clitics
// allowed; nil if none.
func (p *parser) get(i int, k kind) *hit {
	if asideKinds&(1<<k) != 0 {
		return p.lookupAside(i, k, true)
	}
	hs := p.hits(i)
	for j := range hs {
		if hs[j].w.kind == k {
			return &hs[j]
		}
	}
	return nil
}

// inner is get for a token inside an expression: no clitic may be glued
// to it.
func (p *parser) inner(i int, k kind) *hit {
	if asideKinds&(1<<k) != 0 {
		return p.lookupAside(i, k, false)
	}
	hs := p.hits(i)
	for j := range hs {
		if hs[j].w.kind == k && !hs[j].clitic {
			return &hs[j]
		}
	}
	return nil
}

// lookupAside looks token i up in the words kept aside from the scan and
// returns the longest word of kind k starting there. The hit lives in a
// small ring in the scratch: valid until asideRing more look-ups.
func (p *parser) lookupAside(i int, k kind, clitics bool) *hit {
	if !p.isKind(i, segment.Word) {
		return nil
	}
	s := p.s
	w := p.word(i)
	// As written, one map look-up decides; with clitics, the filter first
	// spares most words the peeling.
	if clitics {
		if _, mask := p.r.lex.StartMasks(w, p.r.asideKeys); mask == 0 {
			return nil
		}
	}
	s.found = false
	s.want, s.wantTok, s.text, s.toks = k, i, p.text, p.toks
	if s.asideFn == nil {
		s.asideFn = s.tryAside
	}
	if clitics {
		p.r.an.Peel(w, s.asideFn)
	} else {
		s.tryAside(0, w, false)
	}
	s.text, s.toks = nil, nil
	if !s.found {
		return nil
	}
	s.asideNext = (s.asideNext + 1) % asideRing
	s.aside[s.asideNext] = s.best
	return &s.aside[s.asideNext]
}

// tryAside looks up one peeling of the token lookupAside is reading.
func (s *Scratch) tryAside(nameStart int, name []byte, article bool) {
	key := name
	if article {
		s.key = append(append(s.key[:0], "ال"...), name...)
		key = s.key
	}
	for _, vw := range s.r.aside[string(key)] {
		if vw.kind != s.want {
			continue
		}
		last, ok := matchRest(s.text, s.toks, s.wantTok, vw.rest)
		if !ok || s.found && last <= s.best.last {
			continue
		}
		s.best = hit{w: vw, first: s.wantTok, last: last, nameStart: int32(nameStart), article: article || hasArticle(key), clitic: nameStart > 0}
		s.found = true
	}
}

// asideKindsAt returns the kinds of the one-token aside words token i is,
// as written (no clitic peeled): one look-up where a rule asks about
// several kinds at once.
func (p *parser) asideKindsAt(i int) uint64 {
	if !p.isKind(i, segment.Word) {
		return 0
	}
	var m uint64
	for _, vw := range p.r.aside[string(p.word(i))] {
		if len(vw.rest) == 0 {
			m |= 1 << vw.kind
		}
	}
	return m
}

// asideRing is how many on-demand hits stay valid at once.
const asideRing = 8

// word returns token i's normalized text, or nil past the sentence.
func (p *parser) word(i int) []byte {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	t := p.toks[i]
	return p.text[t.Start:t.End]
}

// isPunct reports whether token i is one of the given punctuation marks.
func (p *parser) isPunct(i int, marks ...string) bool {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != segment.Punct {
		return false
	}
	w := string(p.word(i))
	for _, m := range marks {
		if w == m {
			return true
		}
	}
	return false
}

// isKind reports whether token i exists and is of kind k.
func (p *parser) isKind(i int, k segment.Kind) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].Kind == k
}

// span builds a Span over tokens first..last; nameStart is the proclitic
// bytes of the first token left out. Trailing punctuation is trimmed.
func (p *parser) span(first, last int, nameStart int32, typ, rule string) Span {
	for last > first && p.toks[last].Kind == segment.Punct && !p.balances(first, last) {
		last--
	}
	ft, lt := p.toks[first], p.toks[last]
	return Span{
		FirstToken: first, LastToken: last,
		Start: ft.Start + nameStart, End: lt.End,
		RuneStart: ft.RuneStart + int32(utf8.RuneCount(p.text[ft.Start:ft.Start+nameStart])), RuneEnd: lt.RuneEnd,
		Prefix: string(p.text[ft.Start : ft.Start+nameStart]),
		Type:   typ, Rule: rule, Entry: -1,
	}
}

// balances reports whether token last closes a bracket opened inside
// first..last («تموز (يوليو)»), which the span then keeps.
func (p *parser) balances(first, last int) bool {
	if !p.isPunct(last, ")") {
		return false
	}
	for k := first; k < last; k++ {
		if p.isPunct(k, "(") {
			return true
		}
	}
	return false
}

// take marks a span's tokens as used.
func (p *parser) take(sp Span) {
	for i := sp.FirstToken; i <= sp.LastToken; i++ {
		p.s.taken[i] = true
	}
}

// clitic returns the proclitic bytes of token i under its longest word
// hit of any kind (0 when none).
func (p *parser) nameStart(i int) int32 {
	if hs := p.hits(i); len(hs) > 0 {
		return hs[0].nameStart
	}
	return 0
}

// digits reads token i as a plain run of digits (either digit set) and
// returns its value and number of digits.
func (p *parser) digits(i int) (v int64, n int, ok bool) {
	if !p.isKind(i, segment.Number) {
		return 0, 0, false
	}
	return digitValue(p.word(i))
}

// digitValue parses a run of digits, ASCII or Arabic-Indic.
func digitValue(b []byte) (v int64, n int, ok bool) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		d, isDigit := digit(r)
		if !isDigit || n >= 18 {
			return 0, 0, false
		}
		v = v*10 + int64(d)
		n++
		b = b[size:]
	}
	return v, n, n > 0
}

// digit returns the value of an ASCII, Arabic-Indic or Extended
// Arabic-Indic digit.
func digit(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= 0x0660 && r <= 0x0669:
		return int(r - 0x0660), true
	case r >= 0x06F0 && r <= 0x06F9:
		return int(r - 0x06F0), true
	}
	return 0, false
}
