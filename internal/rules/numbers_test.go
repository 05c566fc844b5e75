package rules

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

// TestNumberTable checks every example of testdata/numbers.tsv: the phrase
// holds the number expression given (or none), with its value, kind and
// counted unit.
func TestNumberTable(t *testing.T) {
	f := newFixture(t)
	rows, lines := readTable(t, "testdata/numbers.tsv", 5)
	require.GreaterOrEqual(t, len(rows), 100)
	for n, row := range rows {
		text, span, value, kind, unit := row[0], row[1], row[2], row[3], row[4]
		t.Run(fmt.Sprintf("line%d", lines[n]), func(t *testing.T) {
			got := f.numbers(text)
			if span == "-" {
				assert.Empty(t, describeNumbers(got), "%s", text)
				return
			}
			var hit *found
			for i := range got {
				if got[i].Text == span {
					hit = &got[i]
				}
			}
			require.NotNil(t, hit, "%s: want %q, got %v", text, span, describeNumbers(got))
			want, err := strconv.ParseInt(value, 10, 64)
			require.NoError(t, err)
			assert.Equal(t, want, hit.Number.Value, "%s: %s", text, span)
			assert.Equal(t, kind == "ordinal", hit.Number.Ordinal, "%s: %s kind", text, span)
			if unit == "-" {
				unit = ""
			}
			assert.Equal(t, unit, hit.Number.Unit, "%s: %s unit", text, span)
		})
	}
}

func describeNumbers(fs []found) []string {
	var out []string
	for _, x := range fs {
		out = append(out, fmt.Sprintf("%s=%d%s", x.Text, x.Number.Value, x.Number.Unit))
	}
	return out
}

// TestBare: Find sets aside the numbers that count no noun, once each,
// and not those inside its dates and counted figures.
func TestBare(t *testing.T) {
	f := newFixture(t)
	text := "العدد المؤكد لقتلى النظام هو خمسة وعشرون، ويصل إلى 13 قتيلًا منذ 3 من تشرين الأول 2021 في الفرقة الرابعة"
	var m normalize.Mapped
	f.norm.AppendMapped(&m, []byte(text), 0)
	toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
	var ts ner.Scratch
	var s Scratch
	f.rules.Find(nil, &s, m.Text, toks, f.tagger.Tag(nil, &ts, m.Text, toks), time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC))
	var got []string
	for _, sp := range f.mapBack(text, &m, s.Bare) {
		got = append(got, fmt.Sprintf("%s=%d", sp.Text, sp.Number.Value))
	}
	assert.Equal(t, []string{"خمسة وعشرون=25"}, got)
}
