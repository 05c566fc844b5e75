package clitic

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// render shows a reading as prefix+key+suffix with the article marked and
// the name's start, e.g. "و|ال|صنمين" or "ب|درعا".
func render(a *Analyzer, word string, r Reading) string {
	w := []byte(word)
	out := ""
	if r.NameStart > 0 {
		out += word[:r.NameStart] + "|"
	}
	if r.Article {
		out += word[r.NameStart:r.Prefix] + "|"
	} else if r.Prefix > r.NameStart {
		out += word[r.NameStart:r.Prefix] + "|"
	}
	out += string(a.AppendKey(nil, w, r))
	if r.Suffix > 0 {
		out += "|" + word[len(word)-int(r.Suffix):]
	}
	return out
}

func readings(t *testing.T, a *Analyzer, word string, known func([]byte) bool) []string {
	t.Helper()
	var out []string
	for _, r := range a.Readings(nil, []byte(word), known) {
		out = append(out, render(a, word, r))
	}
	return out
}

func TestReadings(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	tests := []struct {
		word string
		want []string // readings that must be proposed
	}{
		{"بدرعا", []string{"بدرعا", "ب|درعا"}},
		{"والصنمين", []string{"و|الصنمين", "و|ال|صنمين"}},
		{"بالمدينه", []string{"ب|ال|مدينه"}},
		{"للنظام", []string{"ل|ل|نظام"}},
		{"وبجاسم", []string{"و|بجاسم", "وب|جاسم"}},
		{"لمدينه", []string{"ل|مدينه"}},
		{"محافظتها", []string{"محافظه|ها"}},
		{"قواتهم", []string{"قوات|هم"}},
		{"الصنمين", []string{"الصنمين", "ال|صنمين"}},
		{"فسيقتحمونها", []string{"فس|يقتحمون|ها"}},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got := readings(t, a, tt.word, nil)
			assert.Equal(t, tt.word, got[0], "whole word first")
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

func TestReadingDetails(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	word := []byte("للنظام")
	rs := a.Readings(nil, word, nil)
	var found bool
	for _, r := range rs {
		if r.Article {
			found = true
			assert.Equal(t, "لنظام", string(word[r.NameStart:]), "the article's lam stays with the name")
			assert.Equal(t, "نظام", string(a.AppendKey(nil, word, r)))
		}
	}
	assert.True(t, found)

	word = []byte("بالصنمين")
	for _, r := range a.Readings(nil, word, nil) {
		if r.Article {
			assert.Equal(t, "الصنمين", string(word[r.NameStart:]))
		}
	}
}

func TestReadingsOrderedByAffixLength(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	rs := a.Readings(nil, []byte("وبالمدينتها"), nil)
	for i := 1; i < len(rs); i++ {
		assert.LessOrEqual(t, int(rs[i-1].Prefix+rs[i-1].Suffix), int(rs[i].Prefix+rs[i].Suffix))
	}
}

func TestKnownWordIsNotSplit(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	known := func(w []byte) bool { return string(w) == "لبنان" || string(w) == "بغداد" }
	assert.Equal(t, []string{"لبنان"}, readings(t, a, "لبنان", known))
	assert.Equal(t, []string{"بغداد"}, readings(t, a, "بغداد", known))
	assert.Contains(t, readings(t, a, "لبنان", nil), "ل|بنان", "without the guard it would split")
}

func TestShortStemsAreNotProposed(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	assert.Equal(t, []string{"بر"}, readings(t, a, "بر", nil))
	assert.ElementsMatch(t, []string{"وله", "ول|ه", "و|له"}, readings(t, a, "وله", nil))
	assert.Equal(t, []string{"به"}, readings(t, a, "به", nil), "ب+ه would leave a one-letter stem")
}

func TestProcliticsOnly(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	var got []string
	for _, r := range a.Proclitics(nil, []byte("ومحافظتها"), nil) {
		assert.Zero(t, r.Suffix)
		got = append(got, render(a, "ومحافظتها", r))
	}
	assert.Equal(t, []string{"ومحافظتها", "و|محافظتها"}, got)
}

func TestTaMarbutaKept(t *testing.T) {
	a, err := New("ة")
	require.NoError(t, err)
	assert.Contains(t, readings(t, a, "محافظتها", nil), "محافظة|ها")
}

func TestReadingsDoNotAllocate(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	buf := make([]Reading, 0, MaxReadings)
	word := []byte("وبالمدينتها")
	allocs := testing.AllocsPerRun(100, func() { _ = a.Readings(buf[:0], word, nil) })
	assert.Zero(t, allocs)
}

// TestPeel lists the ways a conjunction and a preposition come off a
// word, the article kept, ل + ال given back as the article, and rests
// shorter than a stem left out.
func TestPeel(t *testing.T) {
	a, err := New("ه")
	require.NoError(t, err)
	type peeled struct {
		start   int
		name    string
		article bool
	}
	peel := func(w string) []peeled {
		var out []peeled
		a.Peel([]byte(w), func(start int, name []byte, article bool) {
			out = append(out, peeled{start, string(name), article})
		})
		return out
	}
	assert.Equal(t, []peeled{{0, "وللعام", false}, {2, "للعام", false}, {4, "لعام", false}, {4, "عام", true}}, peel("وللعام"))
	assert.Equal(t, []peeled{{0, "بدرعا", false}, {2, "درعا", false}}, peel("بدرعا"))
	assert.Equal(t, []peeled{{0, "والعام", false}, {2, "العام", false}}, peel("والعام"))
	assert.Equal(t, []peeled{{0, "وب", false}}, peel("وب"), "no rest shorter than a stem")
}
