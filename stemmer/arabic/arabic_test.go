package arabic

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readPairs reads word<TAB>stem lines.
func readPairs(t testing.TB, path string) [][2]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var pairs [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w, s, ok := strings.Cut(sc.Text(), "\t")
		require.True(t, ok, "line %q", sc.Text())
		pairs = append(pairs, [2]string{w, s})
	}
	require.NoError(t, sc.Err())
	return pairs
}

// agree counts the pairs the stemmer reproduces and reports the first
// disagreements.
func agree(t *testing.T, pairs [][2]string) int {
	t.Helper()
	var s Stemmer
	ok := 0
	for _, p := range pairs {
		if got := s.String(p[0]); got == p[1] {
			ok++
		} else if len(pairs)-ok <= 20 {
			t.Errorf("Stem(%q) = %q, the reference gives %q", p[0], got, p[1])
		}
	}
	return ok
}

// TestOracleSample checks the committed sample of reference pairs.
func TestOracleSample(t *testing.T) {
	pairs := readPairs(t, filepath.Join("testdata", "oracle-sample.tsv"))
	require.Len(t, pairs, 3000)
	assert.Equal(t, len(pairs), agree(t, pairs))
}

// TestOracleFull checks every pair of the shared oracle files, when they
// are present beside the checkout.
func TestOracleFull(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "stemmer-oracle")
	for _, name := range []string{"arabic-snowball-dev.tsv", "arabic-snowball-edge.tsv"} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("%s not present", path)
		}
		pairs := readPairs(t, path)
		n := agree(t, pairs)
		t.Logf("%s: %d of %d agree with the reference", name, n, len(pairs))
		assert.Equal(t, len(pairs), n)
	}
}

// TestTraps covers the places where a port of arabic.sbl goes wrong; the
// expected stems are the reference implementation's.
func TestTraps(t *testing.T) {
	tests := []struct {
		name, word, stem string
	}{
		// Checks1 sees the raw word: a haraka inside still leaves ال at
		// the start, and the length counts it.
		{"checks1 on the raw word", "الَكتاب", "كتاب"},
		{"definite noun loses the article", "الكتاب", "كتاب"},
		{"بال prefix", "بالمدرسة", "مدرس"},
		{"لل prefix", "للنظام", "نظام"},
		{"hamza carrier inside, pronoun suffix", "رأيه", "راي"},
		// Prefix_Step2 does not strip و or ف before an alef: وال stays.
		{"و before alef is kept", "والقصف", "والقصف"},
		{"ف before alef is kept", "فاستقيناكموها", "فاستق"},
		// Without the article the verb branch runs first; with it, the
		// noun branch: the two forms end differently.
		{"verb branch on an indefinite plural", "اشتباكات", "اشتباكا"},
		{"noun branch on a definite plural", "الاشتباكات", "اشتباك"},
		{"future marker on a verb", "سيقتحمون", "يقتحم"},
		{"يست becomes است", "يستخدم", "استخدم"},
		{"alef maqsura", "مستشفى", "مستشفي"},
		{"final hamza carrier becomes ء", "مبادئ", "مبادء"},
		{"hamza carriers folded elsewhere", "مؤتمر", "موتمر"},
		{"presentation forms", "\uFEDF\uFE92\uFEE8\uFE8E\uFEE5", "لبنان"},
		{"lam-alef ligature", "\uFEFB", "لا"},
		{"tatweel and harakat", "جـــاسِمٌ", "جاسم"},
		{"Arabic-Indic digits", "٢٠٢١", "2021"},
		{"bare article is kept", "ال", "ال"},
		{"single hamza form", "آ", "ء"},
		{"Latin is untouched by the algorithm", "Reuters", "Reuters"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Stemmer
			assert.Equal(t, tt.stem, s.String(tt.word))
			assert.Equal(t, tt.stem, string(s.Runes([]rune(tt.word))))
			assert.Equal(t, "x"+tt.stem, string(s.Append([]byte("x"), []byte(tt.word))))
		})
	}
}

// TestInflectionsShareAStem shows what the pipeline relies on: clitic and
// inflected forms of a word meet on one stem (values from the reference).
func TestInflectionsShareAStem(t *testing.T) {
	groups := map[string][]string{
		"مدين":   {"مدينة", "المدينة", "بالمدينة", "للمدينة"},
		"قصف":    {"قصف", "القصف", "بالقصف"},
		"اشتباك": {"الاشتباكات", "بالاشتباكات", "الاشتباك"},
		"اشتبك":  {"اشتبكت", "اشتبكوا"},
	}
	var s Stemmer
	for stem, words := range groups {
		for _, w := range words {
			assert.Equal(t, stem, s.String(w), w)
		}
	}
}

func TestStemStopWords(t *testing.T) {
	assert.True(t, IsStopWord("الذين"))
	assert.Equal(t, "الذين", Stem("الذين", false), "a stop word is left alone")
	var s Stemmer
	assert.Equal(t, s.String("الذين"), Stem("الذين", true), "or stemmed like any word")
	assert.NotEqual(t, "الذين", Stem("الذين", true))
	assert.Equal(t, "كتاب", Stem("  الكتاب\n", false), "space is trimmed")
	assert.Equal(t, "reuters", Stem("Reuters", true), "ASCII is lower-cased, as stemwords and kljensen/snowball do")
}

func TestStemmerDoesNotAllocate(t *testing.T) {
	var s Stemmer
	word := []byte("والمستشفيات")
	dst := make([]byte, 0, 64)
	s.Append(dst, word) // warm the buffers
	assert.Zero(t, testing.AllocsPerRun(100, func() { s.Append(dst[:0], word) }))
	runes := []rune("والمستشفيات")
	assert.Zero(t, testing.AllocsPerRun(100, func() { s.Runes(runes) }))
	unchanged := "كتب"
	assert.Zero(t, testing.AllocsPerRun(100, func() { s.String(unchanged) }), "an unchanged word is returned as is")
}

// ligatures counts the lam-alef ligatures, the only code points that the
// algorithm turns into two.
func ligatures(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0xFEF5 && r <= 0xFEFC {
			n++
		}
	}
	return n
}

func FuzzStem(f *testing.F) {
	for _, w := range []string{"والمستشفيات", "رأيه", "فاستقيناكموها", "\uFEFB\uFEFB", "جـــاسِمٌ", "٢٠٢١", "ال", "a\xffب", ""} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, word string) {
		var s Stemmer
		got := s.String(word)
		if !utf8.ValidString(got) {
			t.Fatalf("Stem(%q) = %q is not valid UTF-8", word, got)
		}
		// Never longer than the input, but for the one growth the
		// reference makes too: a lam-alef ligature unfolds into two
		// letters (ﻻ → لا).
		if in, out := utf8.RuneCountInString(word), utf8.RuneCountInString(got); out > in+ligatures(word) {
			t.Fatalf("Stem(%q) = %q: %d code points from %d", word, got, out, in)
		}
		if ligatures(word) == 0 && len(got) > len(word)+2*strings.Count(word, "\uFFFD") && utf8.ValidString(word) {
			t.Fatalf("Stem(%q) = %q: longer in bytes", word, got)
		}
		if again := string(s.Runes([]rune(word))); again != got {
			t.Fatalf("Runes form %q, String form %q", again, got)
		}
	})
}
