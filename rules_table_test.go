package khabar_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
)

// patternRow is one line of internal/rules/testdata/orgs.tsv or
// places.tsv.
type patternRow struct {
	line                                 int
	text, span, subtype, link, direction string
}

func readPatternTable(t *testing.T, path string, cols int) []patternRow {
	t.Helper()
	fh, err := os.Open(path)
	require.NoError(t, err)
	defer fh.Close()
	var rows []patternRow
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		require.Len(t, f, cols, "%s:%d", path, n)
		r := patternRow{line: n, text: f[0], span: f[1], subtype: f[2], link: f[3], direction: "-"}
		if cols > 4 {
			r.direction = f[4]
		}
		rows = append(rows, r)
	}
	require.NoError(t, sc.Err())
	return rows
}

// TestPatternTables runs the organization and place examples of
// internal/rules/testdata through the whole pipeline: the span must come
// out as an entity of the type, linked to the gazetteer entry named (its
// canonical name or the first unit of its chain) or to none, with the
// subtype the pattern gives (for names the rules made) and the direction.
func TestPatternTables(t *testing.T) {
	x := newExtractor(t, khabar.Config{RefDate: time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC)})
	for _, tc := range []struct {
		file, typ string
		cols, min int
	}{
		{"internal/rules/testdata/orgs.tsv", "ORG", 4, 50},
		{"internal/rules/testdata/places.tsv", "PLACE", 5, 50},
	} {
		rows := readPatternTable(t, tc.file, tc.cols)
		require.GreaterOrEqual(t, len(rows), tc.min)
		for _, r := range rows {
			t.Run(fmt.Sprintf("%s:%d", tc.typ, r.line), func(t *testing.T) {
				res, err := x.Extract(context.Background(), khabar.Document{ID: "t", Text: r.text})
				require.NoError(t, err)
				var all []string
				var hit *khabar.Entity
				for _, e := range res.Entities {
					if e.Type != tc.typ {
						continue
					}
					all = append(all, e.Text)
					if e.Text == r.span {
						hit = e
					}
				}
				if r.span == "-" {
					assert.Empty(t, all, "%s", r.text)
					return
				}
				require.NotNil(t, hit, "%s: want %s %q, got %q", r.text, tc.typ, r.span, all)
				if strings.HasPrefix(hit.Source, "rule:") {
					assert.Equal(t, r.subtype, hit.Subtype, "%s: %s subtype", r.text, r.span)
				}
				linked := ""
				switch {
				case hit.Canonical != "":
					linked = hit.Canonical
				case len(hit.Admin) > 0:
					linked = hit.Admin[0].Name
				}
				if r.link == "-" {
					assert.Empty(t, linked, "%s: %s links nowhere", r.text, r.span)
				} else {
					assert.Equal(t, r.link, linked, "%s: %s link", r.text, r.span)
				}
				if tc.typ == "PLACE" {
					want := r.direction
					if want == "-" {
						want = ""
					}
					assert.Equal(t, want, hit.Direction, "%s: %s direction", r.text, r.span)
				}
			})
		}
	}
}
