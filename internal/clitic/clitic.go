// Package clitic proposes the ways a normalized Arabic token may split into
// proclitics, a stem and an enclitic: والصنمين → و + ال + صنمين,
// بدرعا → ب + درعا, للنظام → ل + ال + نظام, محافظتها → محافظة + ها.
//
// It does not decide: it lists candidate readings, whole token first, and
// the stages that look words up (gazetteer, rules) keep the reading that
// matches. The clitic inventory is data (clitics.tsv).
package clitic

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/datafile"
)

//go:embed clitics.tsv
var inventory []byte

// Reading is one way to split a token. Byte counts are into the token.
type Reading struct {
	// Prefix is the length of the proclitics, including the article.
	Prefix uint8
	// NameStart is where a name begins: after conjunctions and
	// prepositions but on the article (بالصنمين → الصنمين); for لل, after
	// the preposition's ل (للنظام → لنظام).
	NameStart uint8
	// Suffix is the length of the enclitic pronoun.
	Suffix uint8
	// Article is true when the stem carried the definite article.
	Article bool
	// TaMarbuta is true when the stem's last ت stands for a ta marbuta
	// before the enclitic (محافظتها → محافظة): the look-up key ends in
	// the normalized ta marbuta instead.
	TaMarbuta bool
}

// Stem returns the stem bytes of word under r (without a restored ta
// marbuta; see AppendKey).
func (r Reading) Stem(word []byte) []byte {
	return word[r.Prefix : len(word)-int(r.Suffix)]
}

// affix is one clitic form with its length in runes.
type affix struct {
	form  []byte
	runes int
}

// Analyzer lists clitic readings. It is immutable and safe for concurrent
// use.
type Analyzer struct {
	conj      []affix // first slot: و ف
	prep      []affix // second slot: ب ك ل
	future    []affix // second slot, never before the article: س
	article   affix   // third slot: ال
	fusedLam  affix   // ل + ال written لل
	suffixes  []affix // enclitic pronouns, shortest first
	taMarbuta string  // the normalized form of ة (ه by default)
	ta        []byte  // ت, which stands for ة before an enclitic
	minStem   int     // runes a stem must keep
}

// MaxReadings bounds the number of readings of one token.
const MaxReadings = 32

// New returns an analyzer. taMarbuta is how the normalizer writes ة (ه
// when it folds ta marbuta, ة when it keeps it).
func New(taMarbuta string) (*Analyzer, error) {
	a := &Analyzer{taMarbuta: taMarbuta, ta: []byte("ت"), minStem: 2}
	mk := func(s string) affix { return affix{form: []byte(s), runes: utf8.RuneCountInString(s)} }
	err := datafile.Each(inventory, "clitics.tsv", func(f []string) error {
		if len(f) < 2 || f[1] == "" {
			return errors.New("want kind<TAB>form")
		}
		switch f[0] {
		case "conj":
			a.conj = append(a.conj, mk(f[1]))
		case "prep":
			a.prep = append(a.prep, mk(f[1]))
		case "future":
			a.future = append(a.future, mk(f[1]))
		case "article":
			a.article = mk(f[1])
		case "enclitic":
			a.suffixes = append(a.suffixes, mk(f[1]))
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if a.article.runes != 2 || string(a.article.form[2:]) != "ل" {
		return nil, fmt.Errorf("clitics.tsv: the article must be two letters ending in ل")
	}
	// The preposition ل absorbs the article's alef: ل + ال = لل.
	a.fusedLam = mk("لل")
	sort.SliceStable(a.suffixes, func(i, j int) bool { return len(a.suffixes[i].form) < len(a.suffixes[j].form) })
	return a, nil
}

// Proclitics appends to dst the readings of word as a noun or name:
// proclitics only (conjunction, preposition, article), fewest affix bytes
// first; the first is always the whole word. The future marker س is left
// out: it opens verbs, and peeling it off names turns سحلب (salep) into
// حلب. If known reports the whole word as a name (لبنان), nothing else is
// proposed. known may be nil.
func (a *Analyzer) Proclitics(dst []Reading, word []byte, known func([]byte) bool) []Reading {
	return a.readings(dst, word, known, false)
}

// Peel calls fn for every way to peel a conjunction and a preposition off
// word (none first): name is what follows them, article whether the fused
// ل + ال (لل) was peeled, in which case name starts after لل and the
// article must be put back. It is the cheap core of Proclitics for callers
// that look the rest up themselves; a rest shorter than a stem is skipped.
func (a *Analyzer) Peel(word []byte, fn func(nameStart int, name []byte, article bool)) {
	minBytes := 2 * a.minStem
	fn(0, word, false)
	for c := -1; c < len(a.conj); c++ {
		pre := 0
		if c >= 0 {
			if !bytes.HasPrefix(word, a.conj[c].form) {
				continue
			}
			pre = len(a.conj[c].form)
			if len(word)-pre >= minBytes {
				fn(pre, word[pre:], false)
			}
		}
		rest := word[pre:]
		for _, p := range a.prep {
			if !bytes.HasPrefix(rest, p.form) {
				continue
			}
			n := pre + len(p.form)
			if len(word)-n >= minBytes {
				fn(n, word[n:], false)
			}
			if string(p.form) == "ل" && bytes.HasPrefix(rest, a.fusedLam.form) && len(word)-pre-len(a.fusedLam.form) >= minBytes {
				fn(n, word[pre+len(a.fusedLam.form):], true)
			}
		}
	}
}

// Readings lists every reading: the noun readings of Proclitics, the
// future marker (سيقتحمون → س + يقتحمون) and enclitic pronouns
// (محافظتها → محافظة + ها), which never follow the article.
func (a *Analyzer) Readings(dst []Reading, word []byte, known func([]byte) bool) []Reading {
	return a.readings(dst, word, known, true)
}

// readings lists noun readings, and with all also verb ones (future
// marker) and enclitics.
func (a *Analyzer) readings(dst []Reading, word []byte, known func([]byte) bool, all bool) []Reading {
	first := len(dst)
	dst = append(dst, Reading{})
	// Arabic letters are two bytes; a word too short to keep a stem after
	// any clitic is returned whole without further work.
	if len(word) < 2*(a.minStem+1) || (known != nil && known(word)) {
		return dst
	}
	n := utf8.RuneCount(word)
	// Slot by slot: conjunction? then preposition or future marker? then
	// article? The empty choice is always allowed.
	var conj affix
	for c := -1; c < len(a.conj); c++ {
		if c >= 0 {
			if conj = a.conj[c]; !bytes.HasPrefix(word, conj.form) {
				continue
			}
		}
		rest := word[len(conj.form):]
		last := len(a.prep)
		if all {
			last += len(a.future)
		}
		for p := -1; p < last; p++ {
			var prep affix
			future := false
			switch {
			case p >= len(a.prep):
				prep, future = a.future[p-len(a.prep)], true
			case p >= 0:
				prep = a.prep[p]
			}
			if p >= 0 && !bytes.HasPrefix(rest, prep.form) {
				continue
			}
			pre := len(conj.form) + len(prep.form)
			runes := conj.runes + prep.runes
			if n-runes < a.minStem {
				continue
			}
			if pre > 0 {
				dst = insertReading(dst, first, Reading{Prefix: uint8(pre), NameStart: uint8(pre)})
				if all {
					dst = a.withSuffixes(dst, first, word, pre, runes, n)
				}
			}
			if future {
				continue
			}
			// The article, or ل + ال fused as لل.
			tail := word[pre:]
			switch {
			case p >= 0 && string(prep.form) == "ل" && bytes.HasPrefix(word[len(conj.form):], a.fusedLam.form) &&
				n-conj.runes-a.fusedLam.runes >= a.minStem:
				end := len(conj.form) + len(a.fusedLam.form)
				dst = insertReading(dst, first, Reading{Prefix: uint8(end), NameStart: uint8(pre), Article: true})
			case bytes.HasPrefix(tail, a.article.form) && n-runes-a.article.runes >= a.minStem:
				dst = insertReading(dst, first, Reading{Prefix: uint8(pre + len(a.article.form)), NameStart: uint8(pre), Article: true})
			}
		}
	}
	if all {
		dst = a.withSuffixes(dst, first, word, 0, 0, n)
	}
	return dst
}

// withSuffixes adds the enclitic readings of word after a prefix of pre
// bytes (runes runes).
func (a *Analyzer) withSuffixes(dst []Reading, first int, word []byte, pre, runes, n int) []Reading {
	for _, s := range a.suffixes {
		if !bytes.HasSuffix(word[pre:], s.form) || n-runes-s.runes < a.minStem {
			continue
		}
		r := Reading{Prefix: uint8(pre), NameStart: uint8(pre), Suffix: uint8(len(s.form))}
		dst = insertReading(dst, first, r)
		if a.taMarbuta != "" && bytes.HasSuffix(word[:len(word)-len(s.form)], a.ta) {
			r.TaMarbuta = true
			dst = insertReading(dst, first, r)
		}
	}
	return dst
}

// insertReading adds r to dst[first:], which is kept in order of affix
// length (stable), unless MaxReadings are already there.
func insertReading(dst []Reading, first int, r Reading) []Reading {
	if len(dst)-first >= MaxReadings {
		return dst
	}
	dst = append(dst, r)
	cost := func(x Reading) int { return int(x.Prefix) + int(x.Suffix) }
	for i := len(dst) - 1; i > first+1 && cost(dst[i-1]) > cost(r); i-- {
		dst[i], dst[i-1] = dst[i-1], dst[i]
	}
	return dst
}

// ProcliticLetters returns the letters proclitics are made of and the
// most runes proclitics may take at the start of a word: any name key a
// word holds starts after at most that many such letters.
func (a *Analyzer) ProcliticLetters() (letters []rune, maxRunes int) {
	seen := map[rune]bool{}
	add := func(f affix) {
		for _, r := range string(f.form) {
			if !seen[r] {
				seen[r] = true
				letters = append(letters, r)
			}
		}
	}
	longest := func(fs []affix) int {
		n := 0
		for _, f := range fs {
			add(f)
			n = max(n, f.runes)
		}
		return n
	}
	maxRunes = longest(a.conj) + max(longest(a.prep), longest(a.future)) + a.article.runes
	add(a.article)
	add(a.fusedLam)
	return letters, maxRunes
}

// AppendKey appends the look-up key of word under r to dst: the stem
// without the article, with a restored ta marbuta where r says so.
func (a *Analyzer) AppendKey(dst []byte, word []byte, r Reading) []byte {
	stem := r.Stem(word)
	if r.TaMarbuta {
		dst = append(dst, stem[:len(stem)-len("ت")]...)
		return append(dst, a.taMarbuta...)
	}
	return append(dst, stem...)
}

// SplitArticle reports whether word opens with the definite article and a
// stem long enough to stand alone, and returns that stem. The gazetteer
// uses it to key names the same way readings are keyed.
func (a *Analyzer) SplitArticle(word []byte) ([]byte, bool) {
	if bytes.HasPrefix(word, a.article.form) && utf8.RuneCount(word)-a.article.runes >= a.minStem {
		return word[len(a.article.form):], true
	}
	return word, false
}
