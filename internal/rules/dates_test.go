package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDateTable checks every example of testdata/dates.tsv: the phrase
// holds exactly the DATE given (or none), with its value, calendar and
// resolution.
func TestDateTable(t *testing.T) {
	f := newFixture(t)
	rows, lines := readTable(t, "testdata/dates.tsv", 6)
	require.GreaterOrEqual(t, len(rows), 300)
	for n, row := range rows {
		text, refText, span, value, calendar, resolved := row[0], row[1], row[2], row[3], row[4], row[5]
		ref, err := time.Parse("2006-01-02", refText)
		require.NoError(t, err, "line %d", lines[n])
		t.Run(fmt.Sprintf("line%d", lines[n]), func(t *testing.T) {
			var dates []found
			for _, x := range f.find(text, ref) {
				if x.Type == TypeDate {
					dates = append(dates, x)
				}
			}
			if span == "-" {
				assert.Empty(t, describe(dates), "%s", text)
				return
			}
			require.Len(t, dates, 1, "%s: want %q, got %v", text, span, describe(dates))
			d := dates[0]
			assert.Equal(t, span, d.Text, text)
			assert.Equal(t, value, d.Date.String(), "%s: %s", text, span)
			assert.Equal(t, calendar, d.Date.Calendar, "%s: %s", text, span)
			want := resolved == "relative"
			assert.Equal(t, want, d.Date.Relative, "%s: %s resolved", text, span)
		})
	}
}

func describe(fs []found) []string {
	var out []string
	for _, x := range fs {
		v := ""
		if x.Date != nil {
			v = x.Date.String()
		}
		out = append(out, strings.TrimSpace(x.Text+" "+v+" "+x.Rule))
	}
	return out
}

// TestFormat checks the hand-written ISO 8601 formatting against
// time.Format and ISOWeek, including years before 1000.
func TestFormat(t *testing.T) {
	for _, d := range []time.Time{date(2021, 10, 3), date(622, 7, 16), date(1999, 12, 31), date(2021, 1, 1), date(2020, 12, 31)} {
		assert.Equal(t, d.Format("2006-01-02"), format(d, Day))
		assert.Equal(t, d.Format("2006-01"), format(d, Month))
		assert.Equal(t, d.Format("2006"), format(d, Year))
		y, w := d.ISOWeek()
		assert.Equal(t, fmt.Sprintf("%04d-W%02d", y, w), format(d, Week))
	}
}
