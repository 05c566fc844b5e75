package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEventFormats: --format csv writes a header and a row per event of
// the seed article; --format geojson one FeatureCollection, with the
// places too under --geojson-places.
func TestEventFormats(t *testing.T) {
	t.Parallel()
	r := extract(t, "--ref-date", "2022-07-26", "--format", "csv", jasimPath)
	require.Equal(t, 0, r.code, r.stderr)
	rows, err := csv.NewReader(bytes.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(rows), 6, "a header and the article's events")
	assert.Equal(t, "event_id", rows[0][0])
	assert.Equal(t, "Battles", rows[1][2])

	for _, places := range []bool{false, true} {
		args := []string{"--ref-date", "2022-07-26", "--format", "geojson"}
		if places {
			args = append(args, "--geojson-places")
		}
		r := extract(t, append(args, jasimPath)...)
		require.Equal(t, 0, r.code, r.stderr)
		var fc struct {
			Type     string `json:"type"`
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		require.NoError(t, json.Unmarshal(r.stdout, &fc))
		assert.Equal(t, "FeatureCollection", fc.Type)
		n := map[any]int{}
		for _, f := range fc.Features {
			n[f.Properties["kind"]]++
		}
		assert.Positive(t, n["event"])
		assert.Equal(t, places, n["place"] > 0)
	}
	r = extract(t, "--format", "xml", jasimPath)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "csv or geojson")
}
