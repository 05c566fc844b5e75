package khabar

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSettleOverlaps: the longer span wins, the gazetteer's at equal
// length; what is kept comes out in text order without overlaps.
func TestSettleOverlaps(t *testing.T) {
	g := func(start, end int) accepted { return accepted{start: start, end: end} }
	r := func(start, end int) accepted { return accepted{start: start, end: end, rule: true} }
	tests := []struct {
		name      string
		all, want []accepted
	}{
		{"none overlap", []accepted{g(0, 3), g(10, 12), r(4, 8)}, []accepted{g(0, 3), r(4, 8), g(10, 12)}},
		{"longer rule span wins", []accepted{g(4, 8), r(0, 8), g(10, 12)}, []accepted{r(0, 8), g(10, 12)}},
		{"gazetteer wins a tie", []accepted{g(0, 5), r(0, 5)}, []accepted{g(0, 5)}},
		{"longer gazetteer name wins", []accepted{g(0, 9), r(3, 6)}, []accepted{g(0, 9)}},
		{"a rule span between two names", []accepted{g(0, 4), g(6, 9), r(3, 7)}, []accepted{g(0, 4), g(6, 9)}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, settleOverlaps(nil, tt.all))
		})
	}
}
