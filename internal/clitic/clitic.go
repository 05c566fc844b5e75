// Package clitic proposes the ways a normalized Arabic token may split into
// proclitics, a stem and an enclitic: والصنمين → و + ال + صنمين,
// بدرعا → ب + درعا, للنظام → ل + ال + نظام, محافظتها → محافظة + ها.
//
// It does not decide: it lists candidate readings, whole token first, and
// the stages that look words up (gazetteer, rules) keep the reading that
// matches. The clitic inventory is data (clitics.tsv).
package clitic

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
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

// prefix is one proclitic combination.
type prefix struct {
	form      []byte
	runes     int
	article   bool
	nameStart int
}

// Analyzer lists clitic readings. It is immutable and safe for concurrent
// use.
type Analyzer struct {
	prefixes  []prefix // the empty prefix first, then shortest first
	suffixes  [][]byte // shortest first
	article   []byte
	taMarbuta string // the normalized form of ة (ه by default)
	ta        []byte // ت, which stands for ة before an enclitic
	minStem   int    // runes a stem must keep
}

// MaxReadings bounds the number of readings of one token.
const MaxReadings = 32

// New returns an analyzer. taMarbuta is how the normalizer writes ة (ه
// when it folds ta marbuta, ة when it keeps it).
func New(taMarbuta string) (*Analyzer, error) {
	a := &Analyzer{taMarbuta: taMarbuta, ta: []byte("ت"), minStem: 2}
	var conj, prep, future, suffixes []string
	article := ""
	sc := bufio.NewScanner(bytes.NewReader(inventory))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 2 || f[1] == "" {
			return nil, fmt.Errorf("clitics.tsv line %d: want kind<TAB>form", line)
		}
		switch f[0] {
		case "conj":
			conj = append(conj, f[1])
		case "prep":
			prep = append(prep, f[1])
		case "future":
			future = append(future, f[1])
		case "article":
			article = f[1]
		case "enclitic":
			suffixes = append(suffixes, f[1])
		default:
			return nil, fmt.Errorf("clitics.tsv line %d: unknown kind %q", line, f[0])
		}
	}
	if article == "" {
		return nil, fmt.Errorf("clitics.tsv: no article")
	}
	a.article = []byte(article)
	add := func(form string, art bool, start int) {
		a.prefixes = append(a.prefixes, prefix{form: []byte(form), runes: utf8.RuneCountInString(form), article: art, nameStart: start})
	}
	add("", false, 0)
	// Every combination conj? (prep | future)? article?, with ل + ال
	// written لل and the future marker never before the article.
	for _, c := range append([]string{""}, conj...) {
		for _, p := range append([]string{""}, prep...) {
			for _, art := range []string{"", article} {
				form, start := c+p+art, len(c+p)
				if p == "ل" && art != "" {
					form, start = c+"لل", len(c+"ل")
				}
				if form != "" {
					add(form, art != "", start)
				}
			}
		}
		for _, f := range future {
			add(c+f, false, len(c+f))
		}
	}
	sort.SliceStable(a.prefixes, func(i, j int) bool { return len(a.prefixes[i].form) < len(a.prefixes[j].form) })
	sort.SliceStable(suffixes, func(i, j int) bool { return len(suffixes[i]) < len(suffixes[j]) })
	for _, s := range suffixes {
		a.suffixes = append(a.suffixes, []byte(s))
	}
	return a, nil
}

// Readings appends to dst the readings of word (a normalized Word token),
// fewest affix bytes first; the first is always the whole word. If known
// reports the whole word as a name (لبنان), nothing else is proposed.
// known may be nil.
func (a *Analyzer) Readings(dst []Reading, word []byte, known func([]byte) bool) []Reading {
	dst = append(dst, Reading{})
	if known != nil && known(word) {
		return dst
	}
	first := len(dst) - 1
	n := utf8.RuneCount(word)
	// Prefix readings, each optionally with an enclitic.
	for _, p := range a.prefixes {
		if !bytes.HasPrefix(word, p.form) || n-p.runes < a.minStem {
			continue
		}
		if len(p.form) > 0 {
			dst = insertReading(dst, first, Reading{Prefix: uint8(len(p.form)), NameStart: uint8(p.nameStart), Article: p.article})
		}
		if p.article {
			continue // no possessive pronoun on a definite noun
		}
		for _, s := range a.suffixes {
			if !bytes.HasSuffix(word[len(p.form):], s) || n-p.runes-utf8.RuneCount(s) < a.minStem {
				continue
			}
			r := Reading{Prefix: uint8(len(p.form)), NameStart: uint8(p.nameStart), Suffix: uint8(len(s))}
			dst = insertReading(dst, first, r)
			if bytes.HasSuffix(word[:len(word)-len(s)], a.ta) && a.taMarbuta != "" {
				r.TaMarbuta = true
				dst = insertReading(dst, first, r)
			}
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
	if bytes.HasPrefix(word, a.article) && utf8.RuneCount(word)-utf8.RuneCount(a.article) >= a.minStem {
		return word[len(a.article):], true
	}
	return word, false
}
