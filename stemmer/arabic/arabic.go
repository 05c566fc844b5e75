// Package arabic is the Snowball Arabic stemmer (Snowball 2.x "arabic",
// by Assem Chelli and Abdelkrim Aries; BSD-3-Clause), written in Go on
// github.com/kljensen/snowball's snowballword, with the same results as the
// reference C implementation (libstemmer).
//
// The steps below follow algorithms/arabic.sbl one routine per function,
// in its order: Checks1 on the raw word; Normalize_pre (harakat and
// tatweel removed, Arabic-Indic digits made ASCII, presentation forms and
// lam-alef ligatures unfolded); the suffix steps for verbs or nouns,
// working backwards from the end; the prefix steps; Normalize_post (hamza
// forms). Lengths in conditions are counted in code points of the whole
// word at the moment the routine starts, as in Snowball.
//
// The Snowball semantics that matter here are kept exactly: among takes the
// longest match and does not fall back to a shorter one when its condition
// fails; an edit is never undone when a later command fails (only the
// cursor is restored); in backward mode cursors are remembered relative to
// the end; and a `next` in the noun branch moves the cursor left, so the
// following step looks at the letter before the last.
//
// The algorithm has no stop words. Stem's stemStopWords flag, kept for
// compatibility with kljensen/snowball, leaves the function words listed
// in stopwords.txt unchanged when false.
package arabic

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kljensen/snowball/snowballword"
)

//go:embed stopwords.txt
var stopWordData []byte

// stopWords is the stop list, parsed on first use.
var stopWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(stopWordData))
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
})

// IsStopWord reports whether word is in the stop list (function words:
// prepositions, conjunctions, pronouns, particles).
func IsStopWord(word string) bool { return stopWords()[word] }

// Stem returns the stem of word, trimmed of surrounding space and with
// ASCII letters lower-cased (as Snowball's stemwords and kljensen/snowball
// do). With stemStopWords false, a stop word is returned unstemmed. This
// is the kljensen/snowball entry point; for many words a Stemmer avoids
// allocating.
func Stem(word string, stemStopWords bool) string {
	word = lowerASCII(strings.TrimSpace(word))
	if !stemStopWords && IsStopWord(word) {
		return word
	}
	var s Stemmer
	return s.String(word)
}

// lowerASCII maps A–Z to a–z and leaves everything else.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// Stemmer stems words reusing its buffers. The zero value is ready; a
// Stemmer is not safe for concurrent use (use one per goroutine).
type Stemmer struct {
	w   snowballword.SnowballWord
	out []byte
}

// String returns the stem of word.
func (s *Stemmer) String(word string) string {
	s.w.RS = s.w.RS[:0]
	for _, r := range word {
		s.w.RS = append(s.w.RS, r)
	}
	s.stem()
	s.out = appendRunes(s.out[:0], s.w.RS)
	if string(s.out) == word {
		return word // unchanged: no new string
	}
	return string(s.out)
}

// Runes returns the stem of word. The result aliases the Stemmer's buffer
// and is valid until the next call.
func (s *Stemmer) Runes(word []rune) []rune {
	s.w.RS = append(s.w.RS[:0], word...)
	s.stem()
	return s.w.RS
}

// Append appends the stem of the UTF-8 word to dst, without allocating
// when dst has room.
func (s *Stemmer) Append(dst, word []byte) []byte {
	s.w.RS = s.w.RS[:0]
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRune(word[i:])
		s.w.RS = append(s.w.RS, r)
		i += size
	}
	s.stem()
	return appendRunes(dst, s.w.RS)
}

func appendRunes(dst []byte, rs []rune) []byte {
	for _, r := range rs {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// stemmer state for one word: the word (in s.w.RS), the cursor, and the
// Snowball variables of the algorithm.
type state struct {
	w         *snowballword.SnowballWord
	c         int  // cursor
	wordLen   int  // the integer word_len
	isNoun    bool // the booleans is_noun, is_verb, is_defined
	isVerb    bool
	isDefined bool
}

// stem is the algorithm's "stem" routine.
func (s *Stemmer) stem() {
	st := state{w: &s.w, isNoun: true, isVerb: true}
	// do Checks1
	st.c = 0
	st.checks1()
	// do Normalize_pre
	st.c = 0
	st.normalizePre()
	// backwards ( do ( verb suffixes or noun suffixes or alef maqsura ) )
	st.c = len(st.w.RS)
	st.suffixes()
	// do ( prefixes )
	st.c = 0
	st.prefixes()
	// do Normalize_post
	st.c = 0
	st.normalizePost()
}
