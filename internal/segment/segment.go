// Package segment splits normalized text into sentences and tokens.
//
// It works on the output of package normalize (ASCII digits, folded
// letters, "\n" for line breaks), in one pass over the bytes with a class
// table, without regular expressions or allocation per token. Sentences are
// found incrementally so that an unbounded stream can be cut as it arrives.
package segment

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the class of a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = 1 + iota // a run of Arabic-script letters (with any marks or tatweel kept)
	Latin                  // a run of letters of another script
	Number                 // digits, with inner separators: 24, 3.5, 1,000, 2021/10/3, 3-10-2021
	Punct                  // one punctuation or symbol code point
)

var kindNames = [...]string{"?", "word", "latin", "number", "punct"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return kindNames[0]
}

// Token is one token of normalized text. Offsets are into the text given to
// the tokenizer plus the bases given with it.
type Token struct {
	Kind      Kind
	Start     int32 // byte offset of the first byte
	End       int32 // byte offset past the last byte
	RuneStart int32 // code point offset of the first rune
	RuneEnd   int32 // code point offset past the last rune
}

// class is the tokenizer's view of a code point.
type class uint8

const (
	cSpace  class = iota
	cArabic       // Arabic-script letter
	cLetter       // letter of another script
	cDigit
	cJoin   // mark or tatweel: continues a word, starts nothing
	cNumSep // may join two digit runs: . , / : - ٫ ٬
	cPunct
)

const tableLimit = 0x0800

// classes covers ASCII, Latin-1, and the Arabic blocks; other code points
// are classified with package unicode.
var classes = func() (t [tableLimit]class) {
	for r := rune(0); r < tableLimit; r++ {
		t[r] = classifySlow(r)
	}
	return t
}()

func classOf(r rune) class {
	if r < tableLimit {
		return classes[r]
	}
	return classifySlow(r)
}

func classifySlow(r rune) class {
	switch {
	case r == '.' || r == ',' || r == '/' || r == ':' || r == '-' || r == 0x066B || r == 0x066C:
		return cNumSep
	case r >= '0' && r <= '9', r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
		return cDigit
	case r == 0x0640 || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return cJoin
	case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
		return cSpace
	case unicode.IsLetter(r):
		if unicode.Is(unicode.Arabic, r) {
			return cArabic
		}
		return cLetter
	case unicode.IsDigit(r):
		return cDigit
	}
	return cPunct
}

// decode returns the rune at b[i] and its size, decoding ASCII and
// two-byte sequences inline.
func decode(b []byte, i int) (rune, int) {
	c := b[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(b[i+1]&0x3F), 2
	}
	return utf8.DecodeRune(b[i:])
}

// Tokenize appends the tokens of text to dst. byteBase and runeBase are
// added to every offset, so text can be a slice of a larger buffer. It
// also returns the rune offset just past text.
func Tokenize(dst []Token, text []byte, byteBase, runeBase int32) ([]Token, int32) {
	var (
		cur   Token // token being built; Kind 0 when none
		runes int32 = runeBase
	)
	flush := func() {
		if cur.Kind != 0 {
			dst = append(dst, cur)
			cur.Kind = 0
		}
	}
	for i := 0; i < len(text); {
		r, size := decode(text, i)
		pos := byteBase + int32(i)
		cl := classOf(r)
		switch cl {
		case cArabic, cLetter:
			k := Word
			if cl == cLetter {
				k = Latin
			}
			if cur.Kind != k {
				flush()
				cur = Token{Kind: k, Start: pos, RuneStart: runes}
			}
		case cJoin:
			if cur.Kind != Word && cur.Kind != Latin {
				// A mark with nothing to sit on is a symbol of its own.
				flush()
				cur = Token{Kind: Punct, Start: pos, RuneStart: runes}
				cur.End, cur.RuneEnd = pos+int32(size), runes+1
				flush()
				i += size
				runes++
				continue
			}
		case cDigit:
			if cur.Kind != Number {
				flush()
				cur = Token{Kind: Number, Start: pos, RuneStart: runes}
			}
		case cNumSep:
			// Inside a number only when a digit follows: 3.5, 2021/10/3.
			if cur.Kind == Number && i+size < len(text) {
				if next, _ := decode(text, i+size); classOf(next) == cDigit {
					break
				}
			}
			fallthrough
		case cPunct:
			flush()
			dst = append(dst, Token{Kind: Punct, Start: pos, End: pos + int32(size), RuneStart: runes, RuneEnd: runes + 1})
			i += size
			runes++
			continue
		case cSpace:
			flush()
			i += size
			runes++
			continue
		}
		i += size
		runes++
		cur.End, cur.RuneEnd = byteBase+int32(i), runes
	}
	flush()
	return dst, runes
}
