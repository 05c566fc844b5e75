// Package review draws reproducible random samples of records and shows
// each in its context, for hand-checking precision.
package review

import (
	"math/rand/v2"
	"strings"
)

// Sampler draws a uniform random sample of at most n items from a stream
// of unknown length (reservoir sampling, Algorithm R). The same seed and
// the same stream give the same sample.
type Sampler struct {
	n    int
	seen int
	rng  *rand.Rand
}

// NewSampler returns a sampler of n items seeded with seed.
func NewSampler(n int, seed uint64) *Sampler {
	return &Sampler{n: n, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Offer counts one more item of the stream and says whether to keep it,
// and in which slot of the sample (0 ≤ slot < n): a new slot while the
// sample is filling, else the slot of the item it replaces.
func (s *Sampler) Offer() (slot int, keep bool) {
	s.seen++
	if s.seen <= s.n {
		return s.seen - 1, true
	}
	j := s.rng.IntN(s.seen)
	return j, j < s.n
}

// Seen returns how many items were offered.
func (s *Sampler) Seen() int { return s.seen }

// Snippet returns the text around the code points [start, end) of text:
// up to width code points each side, the span marked with ⟦ ⟧, line
// breaks and tabs shown as spaces, and an ellipsis where text was cut.
func Snippet(text []rune, start, end, width int) string {
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	if end < start {
		end = start
	}
	from, to := max(0, start-width), min(len(text), end+width)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	flat := func(rs []rune) {
		for _, r := range rs {
			switch r {
			case '\n', '\r', '\t', '\u2028', '\u2029', '\u0085':
				r = ' '
			}
			b.WriteRune(r)
		}
	}
	flat(text[from:start])
	b.WriteString("⟦")
	flat(text[start:end])
	b.WriteString("⟧")
	flat(text[end:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}
