package normalize

import (
	"slices"
	"unicode/utf8"
)

// Mapped is normalized text together with its map back to the original.
// Rune i of Text (counting code points) came from the original code points
// [Start[i], End[i]). Offsets are relative to whatever origin the caller
// chose when appending. Several normalized runes share one original range
// when a presentation form or ligature unfolds; diacritics and tatweel that
// were removed extend the range of the rune before them, so a span that
// ends on a letter also covers the marks written on it.
type Mapped struct {
	Text  []byte
	Start []int32
	End   []int32
}

// Len returns the number of normalized runes.
func (m *Mapped) Len() int { return len(m.Start) }

// Reset empties m, keeping its storage.
func (m *Mapped) Reset() {
	m.Text = m.Text[:0]
	m.Start = m.Start[:0]
	m.End = m.End[:0]
}

// Orig maps the normalized rune range [from, to) to the original range it
// covers. An empty range maps to an empty original range.
func (m *Mapped) Orig(from, to int) (start, end int) {
	if from >= len(m.Start) {
		if len(m.End) == 0 {
			return 0, 0
		}
		e := int(m.End[len(m.End)-1])
		return e, e
	}
	if to <= from {
		s := int(m.Start[from])
		return s, s
	}
	return int(m.Start[from]), int(m.End[to-1])
}

// AppendMapped normalizes src and appends the result and its offset map to
// m. src must end on a rune boundary; its first code point has original
// offset base. Invalid UTF-8 becomes U+FFFD, one code point per bad byte
// (sanitize first, as textio does, for the WHATWG count). It returns the
// original offset just past src.
func (n *Normalizer) AppendMapped(m *Mapped, src []byte, base int32) int32 {
	pos := base
	// Most runes map one to one and never grow in UTF-8, so one growth up
	// front makes the appends below cheap.
	text := slices.Grow(m.Text, len(src))
	start := slices.Grow(m.Start, len(src)/2+8)
	end := slices.Grow(m.End, len(src)/2+8)
	for i := 0; i < len(src); {
		c := src[i]
		var a *action
		var r rune
		switch {
		case c < utf8.RuneSelf:
			a = &n.low[c]
			if a.kind == keep {
				text = append(text, c)
				start = append(start, pos)
				end = append(end, pos+1)
				pos++
				i++
				continue
			}
			r = rune(c)
			i++
		case c >= 0xC2 && c < 0xE0 && i+1 < len(src) && src[i+1]&0xC0 == 0x80:
			// Two-byte sequences (all of Arabic) decoded inline.
			r = rune(c&0x1F)<<6 | rune(src[i+1]&0x3F)
			a = &n.low[r]
			if a.kind == keep {
				text = append(text, c, src[i+1])
				start = append(start, pos)
				end = append(end, pos+1)
				pos++
				i += 2
				continue
			}
			i += 2
		default:
			var size int
			r, size = utf8.DecodeRune(src[i:])
			i += size
			switch {
			case r >= punctBase && r < punctLimit:
				a = &n.punct[r-punctBase]
			case r >= presBase && r < presLimit:
				a = &n.pres[r-presBase]
			default:
				x := classify(n.opts, r)
				a = &x
			}
		}
		switch a.kind {
		case keep:
			text = utf8.AppendRune(text, r)
			start = append(start, pos)
			end = append(end, pos+1)
		case mapTo:
			text = append(text, a.toEnc[:a.toLen]...)
			start = append(start, pos)
			end = append(end, pos+1)
		case expand:
			for _, u := range n.exp[r-presBase] {
				text = utf8.AppendRune(text, u)
				start = append(start, pos)
				end = append(end, pos+1)
			}
		case mark:
			if k := len(end); k > 0 && end[k-1] == pos {
				end[k-1] = pos + 1
			}
		case drop:
		}
		pos++
	}
	m.Text, m.Start, m.End = text, start, end
	return pos
}

// String normalizes s without keeping a map.
func (n *Normalizer) String(s string) string {
	return string(n.AppendString(nil, s))
}

// AppendString appends the normalized form of s to dst.
func (n *Normalizer) AppendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && n.low[c].kind == keep {
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		dst = n.appendRune(dst, r)
	}
	return dst
}

// appendRune appends the normalized form of one rune.
func (n *Normalizer) appendRune(dst []byte, r rune) []byte {
	switch a := n.lookup(r); a.kind {
	case keep:
		dst = utf8.AppendRune(dst, r)
	case mapTo:
		dst = append(dst, a.toEnc[:a.toLen]...)
	case expand:
		dst = append(dst, n.exp[r-presBase]...)
	}
	return dst
}

// outLen is the UTF-8 length appendRune would produce for r.
func (n *Normalizer) outLen(r rune) int {
	switch a := n.lookup(r); a.kind {
	case keep:
		return utf8.RuneLen(r)
	case mapTo:
		return int(a.toLen)
	case expand:
		return len(n.exp[r-presBase])
	}
	return 0
}
