package review

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// draw runs a sampler of n over items 0..total-1 and returns the sample.
func draw(n, total int, seed uint64) []int {
	s := NewSampler(n, seed)
	var out []int
	for i := range total {
		if slot, keep := s.Offer(); keep {
			if slot == len(out) {
				out = append(out, i)
			} else {
				out[slot] = i
			}
		}
	}
	return out
}

func TestSamplerFillsThenReplaces(t *testing.T) {
	assert.Equal(t, []int{0, 1, 2}, draw(5, 3, 1), "a short stream is kept whole")
	got := draw(10, 1000, 7)
	require.Len(t, got, 10)
	seen := map[int]bool{}
	for _, v := range got {
		assert.False(t, seen[v], "no item twice")
		seen[v] = true
		assert.True(t, v >= 0 && v < 1000)
	}
	assert.Equal(t, got, draw(10, 1000, 7), "same seed, same sample")
	assert.NotEqual(t, got, draw(10, 1000, 8), "another seed, another sample")
}

// TestSamplerIsUniform checks that every item is equally likely: over many
// draws of 2 from 10, each item is kept about a fifth of the time.
func TestSamplerIsUniform(t *testing.T) {
	counts := make([]int, 10)
	const runs = 20000
	for seed := range uint64(runs) {
		for _, v := range draw(2, 10, seed) {
			counts[v]++
		}
	}
	for i, c := range counts {
		frac := float64(c) / runs
		assert.InDelta(t, 0.2, frac, 0.02, "item %d kept %.3f of the time", i, frac)
	}
}

func TestSnippet(t *testing.T) {
	text := []rune("قتل مدني في مدينة جاسم\nبدرعا اليوم")
	assert.Equal(t, "…مدينة ⟦جاسم⟧ بدرعا…", Snippet(text, 18, 22, 6))
	assert.Equal(t, "قتل ⟦مدني⟧ في …", Snippet(text, 4, 8, 4))
	assert.Equal(t, "…بدرعا ⟦اليوم⟧", Snippet(text, 29, 34, 6))
	assert.Equal(t, "⟦⟧…", Snippet(text, -3, -1, 0), "out of range clamps")
}
