package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// kind says what the normalizer does with one code point.
type kind uint8

const (
	keep   kind = iota // copied unchanged
	mapTo              // replaced by one code point
	expand             // replaced by a string (presentation forms)
	mark               // removed; its original range joins the preceding output rune
	drop               // removed; belongs to no output rune (invisible controls)
)

// action is the precomputed decision for one code point. It is kept small
// so the Arabic block's table stays in the first-level cache.
type action struct {
	kind  kind
	toLen uint8   // UTF-8 length of to
	toEnc [4]byte // UTF-8 encoding of to
	to    rune    // for mapTo
}

// mapped returns a mapTo action with its encoding filled in.
func mapped(to rune) action {
	a := action{kind: mapTo, to: to}
	a.toLen = uint8(utf8.EncodeRune(a.toEnc[:], to))
	return a
}

// Code point ranges that get table look-ups; everything else is kept
// unless it is a space or control handled in classify.
const (
	lowLimit   = 0x0800 // Latin, Arabic, Arabic Supplement, Syriac…
	punctBase  = 0x2000 // General Punctuation: spaces, quotes, bidi controls
	punctLimit = 0x2070
	presBase   = 0xFB50 // Arabic Presentation Forms-A and -B
	presLimit  = 0xFF00
)

// Normalizer applies one set of [Options]. It is immutable after [New] and
// safe for concurrent use.
type Normalizer struct {
	opts  Options
	low   [lowLimit]action
	punct [punctLimit - punctBase]action
	pres  [presLimit - presBase]action
	exp   [presLimit - presBase]string // replacement for pres actions of kind expand
}

// New builds the look-up tables for opts. Presentation forms are unfolded
// with golang.org/x/text's NFKC, applied only to U+FB50–U+FDFF and
// U+FE70–U+FEFF so no other character is rewritten, and the result is then
// folded by the other rules.
func New(opts Options) *Normalizer {
	n := &Normalizer{opts: opts}
	for r := rune(0); r < lowLimit; r++ {
		n.low[r] = classify(opts, r)
	}
	for r := rune(punctBase); r < punctLimit; r++ {
		n.punct[r-punctBase] = classify(opts, r)
	}
	for r := rune(presBase); r < presLimit; r++ {
		n.pres[r-presBase], n.exp[r-presBase] = n.presentation(r)
	}
	return n
}

// Options returns the options the normalizer was built with.
func (n *Normalizer) Options() Options { return n.opts }

// presentation decides what to do with a code point in the presentation
// form blocks: NFKC from x/text, then the single-rune rules on each result.
// For an expand action it also returns the replacement.
func (n *Normalizer) presentation(r rune) (action, string) {
	if !isPresentationForm(r) {
		return classify(n.opts, r), ""
	}
	if n.opts.KeepPresentationForms {
		return action{kind: keep}, ""
	}
	unfolded := norm.NFKC.String(string(r))
	if unfolded == string(r) {
		return action{kind: keep}, "" // unassigned or without a compatibility mapping
	}
	// Isolated and medial forms of harakat (U+FE70–U+FE7F, U+FC5E–U+FC63)
	// unfold to a space plus the mark: they are diacritics, not words.
	if isSpacedMark(unfolded) {
		if n.opts.KeepDiacritics {
			return action{kind: keep}, ""
		}
		return action{kind: mark}, ""
	}
	// NFKC never yields presentation forms, so the other tables suffice.
	var out []byte
	for _, u := range unfolded {
		out = n.appendRune(out, u)
	}
	switch utf8.RuneCount(out) {
	case 0:
		return action{kind: mark}, ""
	case 1:
		to, _ := utf8.DecodeRune(out)
		if to == r {
			return action{kind: keep}, ""
		}
		return mapped(to), ""
	}
	return action{kind: expand}, string(out)
}

// isPresentationForm reports whether r lies in the Arabic presentation form
// blocks (the BOM U+FEFF, which sits in the same block, is a control).
func isPresentationForm(r rune) bool {
	return (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFE)
}

// isSpacedMark reports whether s is a space followed only by marks.
func isSpacedMark(s string) bool {
	if len(s) < 2 || s[0] != ' ' {
		return false
	}
	for _, r := range s[1:] {
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

// lookup returns the action for any code point.
func (n *Normalizer) lookup(r rune) action {
	switch {
	case r < lowLimit:
		return n.low[r]
	case r >= punctBase && r < punctLimit:
		return n.punct[r-punctBase]
	case r >= presBase && r < presLimit:
		return n.pres[r-presBase]
	}
	return classify(n.opts, r)
}

// classify is the single-code-point rule set (everything but presentation
// forms). It runs when the tables are built and for rare code points
// outside them.
func classify(o Options, r rune) action {
	switch {
	case isDiacritic(r):
		if o.KeepDiacritics {
			return action{}
		}
		return action{kind: mark}
	case r == 0x0640: // tatweel
		if o.KeepTatweel {
			return action{}
		}
		return action{kind: mark}
	case isInvisibleControl(r):
		if o.KeepControls {
			return action{}
		}
		return action{kind: drop}
	}
	if !o.KeepSpaces {
		switch {
		case r == '\n' || r == ' ':
			return action{}
		case r == 0x2028 || r == 0x2029 || r == 0x0085: // line/paragraph separators, NEL
			return mapped('\n')
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || unicode.IsControl(r):
			return mapped(' ')
		}
	}
	if !o.KeepAlef {
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			return mapped('ا')
		}
	}
	if !o.KeepAlefMaksura && r == 'ى' {
		return mapped('ي')
	}
	if !o.KeepTaMarbuta && r == 'ة' {
		return mapped('ه')
	}
	if !o.KeepHamzaCarriers {
		switch r {
		case 'ؤ':
			return mapped('و')
		case 'ئ':
			return mapped('ي')
		}
	}
	if !o.KeepPersianLetters {
		switch r {
		case 'ک': // U+06A9 keheh
			return mapped('ك')
		case 'ی': // U+06CC farsi yeh
			return mapped('ي')
		}
	}
	if !o.KeepDigits {
		switch {
		case r >= '٠' && r <= '٩':
			return mapped('0' + r - '٠')
		case r >= '۰' && r <= '۹':
			return mapped('0' + r - '۰')
		case r == '٫': // U+066B Arabic decimal separator
			return mapped('.')
		case r == '٬': // U+066C Arabic thousands separator
			return mapped(',')
		}
	}
	return action{}
}

// isDiacritic reports harakat, other Arabic combining marks and Quranic
// annotation signs.
func isDiacritic(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED)
}

// isInvisibleControl reports zero-width characters, bidi controls and the BOM.
func isInvisibleControl(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F: // ZWSP, ZWNJ, ZWJ, LRM, RLM
		return true
	case r >= 0x202A && r <= 0x202E: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2060 && r <= 0x2069: // word joiner, invisible operators, LRI…PDI
		return true
	}
	switch r {
	case 0x061C, 0xFEFF, 0x00AD: // ALM, BOM, soft hyphen
		return true
	}
	return false
}
