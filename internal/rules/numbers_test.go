package rules

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
