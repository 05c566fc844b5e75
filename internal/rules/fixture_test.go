package rules

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/gazetteer"
	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

// fixture is the rule set over the embedded gazetteer, built once.
type fixture struct {
	norm   *normalize.Normalizer
	tagger *ner.Tagger
	rules  *Rules
}

var loadFixture = sync.OnceValues(func() (*fixture, error) {
	norm := normalize.New(normalize.Options{})
	an, err := clitic.New(norm.String("ة"))
	if err != nil {
		return nil, err
	}
	names, err := gazetteer.Files()
	if err != nil {
		return nil, err
	}
	var entries []lexicon.Entry
	for _, name := range names {
		f, err := gazetteer.FS().Open(name)
		if err != nil {
			return nil, err
		}
		es, err := lexicon.Parse(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		entries = append(entries, es...)
	}
	lex, err := lexicon.Build(entries, norm, an)
	if err != nil {
		return nil, err
	}
	tagger, err := ner.New(lex, an, norm)
	if err != nil {
		return nil, err
	}
	r, err := New(norm, tagger)
	if err != nil {
		return nil, err
	}
	return &fixture{norm: norm, tagger: tagger, rules: r}, nil
})

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f, err := loadFixture()
	require.NoError(t, err)
	return f
}

// found is a span mapped back to the original text.
type found struct {
	Span
	Text string
}

// find runs the rules over one sentence of text and maps the spans back to
// the original.
func (f *fixture) find(text string, ref time.Time) []found {
	var m normalize.Mapped
	f.norm.AppendMapped(&m, []byte(text), 0)
	toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
	var ts ner.Scratch
	mentions := f.tagger.Tag(nil, &ts, m.Text, toks)
	var s Scratch
	spans := f.rules.Find(nil, &s, m.Text, toks, mentions, ref)
	return f.mapBack(text, &m, spans)
}

// numbers lists every number expression of text.
func (f *fixture) numbers(text string) []found {
	var m normalize.Mapped
	f.norm.AppendMapped(&m, []byte(text), 0)
	toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
	var s Scratch
	return f.mapBack(text, &m, f.rules.Numbers(nil, &s, m.Text, toks))
}

func (f *fixture) mapBack(text string, m *normalize.Mapped, spans []Span) []found {
	runes := []rune(text)
	out := make([]found, 0, len(spans))
	for _, sp := range spans {
		start, end := m.Orig(int(sp.RuneStart), int(sp.RuneEnd))
		out = append(out, found{Span: sp, Text: string(runes[start:end])})
	}
	return out
}

// readTable reads a TAB-separated example table: comment and blank lines
// skipped, every row checked for its column count. It returns the rows
// with their line numbers.
func readTable(t *testing.T, path string, cols int) (rows [][]string, lines []int) {
	t.Helper()
	fh, err := os.Open(path)
	require.NoError(t, err)
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		require.Len(t, f, cols, "%s:%d: want %d columns", path, n, cols)
		rows = append(rows, f)
		lines = append(lines, n)
	}
	require.NoError(t, sc.Err())
	return rows, lines
}
